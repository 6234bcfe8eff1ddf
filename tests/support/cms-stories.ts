/**
 * What a reporter does in the admin, step by step, for the CMS's browser tests: writing a new
 * story with photos in its body, changing one word of a story, saving a story unchanged. Each
 * click and key press a reporter would make goes through `act`, so a test can count them.
 */
import type { Locator, Page } from 'playwright-core';

/** Counts the reporter's actions: clicks, fields filled, key strokes typed as one act, files chosen. */
export class ActionCounter {
  clicks = 0;
  fills = 0;
  async click(locator: Locator): Promise<void> {
    this.clicks += 1;
    await locator.click();
  }
  async fill(locator: Locator, text: string): Promise<void> {
    this.fills += 1;
    await locator.fill(text);
  }
}

export interface Photo {
  file: string;
  alt: string;
  caption?: string;
  credit?: string;
}

export const bodyEditor = (page: Page) => page.locator('[data-slate-editor="true"]');

/** Uploads a file in the media library the "Choose an image" button opened, and picks it. */
async function choosePhoto(page: Page, choose: Locator, file: string, count: ActionCounter): Promise<void> {
  await count.click(choose);
  // "Upload" opens the system's file dialog, which a headless browser answers through the input.
  count.clicks += 1;
  await page.locator('input[type=file]').setInputFiles(file);
  // The new upload is selected once it is listed; choosing it closes the library.
  await count.click(page.getByRole('button', { name: 'Choose selected' }));
}

/** Fills the fields of a photo inside `scope` (a Photo block, or one item of a gallery). */
async function fillPhoto(page: Page, scope: Locator, photo: Photo, count: ActionCounter): Promise<void> {
  await choosePhoto(page, scope.getByRole('button', { name: 'Choose an image' }).last(), photo.file, count);
  await count.fill(scope.getByLabel(/^Alt text/).last(), photo.alt);
  if (photo.caption) await count.fill(scope.getByLabel(/^Caption of this photo/).last(), photo.caption);
  if (photo.credit) await count.fill(scope.getByLabel(/^Credit/).last(), photo.credit);
}

/** Adds an editor block through Add Component. */
async function addComponent(page: Page, name: string, count: ActionCounter): Promise<void> {
  await count.click(page.getByRole('button', { name: 'Add Component' }));
  await count.click(page.getByRole('menuitem', { name, exact: true }));
}

/** Puts the caret at the end of the paragraph that holds `text`. */
async function caretAfter(page: Page, text: string, count: ActionCounter): Promise<void> {
  await count.click(bodyEditor(page).getByText(text));
  await page.keyboard.press('End');
}

export interface NewStory {
  headline: string;
  standfirst: string;
  author: string;
  date: string;
  tags: string;
  paragraphs: [string, string, string];
  photos: [Photo, Photo];
  gallery: { caption: string; photos: Photo[] };
}

/**
 * From the collection's list to a saved file: "New story", the required fields, a paragraph, a
 * photo, a paragraph, a photo, a gallery, a last paragraph; then Publish → Publish now.
 */
export async function writeStoryWithPhotos(page: Page, story: NewStory, count: ActionCounter): Promise<void> {
  await count.click(page.getByText('New story', { exact: true }));
  await count.fill(page.getByLabel('Headline'), story.headline);
  await count.fill(page.getByLabel('Standfirst'), story.standfirst);
  await count.click(page.getByLabel('Authors'));
  await page.keyboard.type(story.author.split(' ')[0]!);
  await count.click(page.getByText(story.author, { exact: true }).last());
  await count.fill(page.getByLabel('Publication date'), story.date);
  await count.fill(page.getByLabel('Tags'), story.tags);
  // The text first, then each photo after its paragraph: Add Component inserts where the caret is.
  await count.click(bodyEditor(page));
  for (const [index, paragraph] of story.paragraphs.entries()) {
    if (index > 0) await page.keyboard.press('Enter');
    await page.keyboard.type(paragraph);
    count.fills += 1;
    await bodyEditor(page).getByText(paragraph).waitFor();
  }
  for (const [index, photo] of story.photos.entries()) {
    await caretAfter(page, story.paragraphs[index]!, count);
    await addComponent(page, 'Photo', count);
    const block = page.locator('[data-slate-void="true"]').nth(index);
    await fillPhoto(page, block, photo, count);
  }
  await caretAfter(page, story.paragraphs[2], count);
  await addComponent(page, 'Photo gallery', count);
  const gallery = page.locator('[data-slate-void="true"]').last();
  await count.fill(gallery.getByLabel('Caption of the whole gallery'), story.gallery.caption);
  for (const photo of story.gallery.photos) {
    await count.click(gallery.getByRole('button', { name: /Add photo/i }));
    await fillPhoto(page, gallery, photo, count);
  }
  await publishNowCounted(page, count);
}

export async function publishNowCounted(page: Page, count: ActionCounter): Promise<void> {
  await count.click(page.getByRole('button', { name: 'Publish', exact: true }));
  await count.click(page.getByRole('menuitem', { name: 'Publish now' }));
  await page.getByText('Entry saved').first().waitFor();
}
