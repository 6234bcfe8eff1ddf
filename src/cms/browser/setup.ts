/**
 * Runs in the admin page after Decap CMS (bundled by admin-files.ts into cms-setup.js): the
 * faithful file formats, the PullQuote, Figure, Gallery, YouTube and Embed blocks for the body
 * editor, the save guard, the reporter's wording and the preview's template and styles.
 * It is loaded only by /admin/; article pages never see it.
 */
import { checkArticle } from '../entry-check.ts';
import { articleListing, LISTING_KEY } from '../article-listing.ts';
import { readArticle, readYaml, splitArticle, writeArticle, writeYaml } from '../faithful-format.ts';
import {
  figureFromBlock,
  figurePattern,
  figureToBlock,
  figureToPreview,
  galleryFromBlock,
  galleryPattern,
  galleryToBlock,
  galleryToPreview,
} from '../media-blocks.ts';
import { articleFileLayout, authorFileLayout } from '../schema-fields.ts';
import { articlePreview, type CreateElement } from './article-preview.ts';
import { pullQuoteFromBlock, pullQuotePattern, pullQuoteToBlock, pullQuoteToPreview } from '../pull-quote-block.ts';
import {
  embedFromBlock,
  embedPattern,
  embedToBlock,
  embedToPreview,
  youTubeFromBlock,
  youTubePattern,
  youTubeToBlock,
  youTubeToPreview,
} from '../embed-blocks.ts';

/** The small part of Decap's Immutable.js entry this script touches. */
interface ImmutableMap {
  get(key: string): unknown;
  delete(key: string): ImmutableMap;
  set(key: string, value: unknown): ImmutableMap;
  deleteIn(keys: string[]): ImmutableMap;
  setIn(keys: string[], value: unknown): ImmutableMap;
  toJS(): Record<string, unknown>;
}

interface DecapCms {
  registerCustomFormat(
    name: string,
    extension: string,
    format: { fromFile(text: string): Record<string, unknown>; toFile(data: Record<string, unknown>): string },
  ): void;
  registerLocale(locale: string, phrases: Record<string, unknown>): void;
  getLocale(locale: string): unknown;
  registerEditorComponent(component: Record<string, unknown>): void;
  registerEventListener(listener: { name: string; handler: (event: { entry: ImmutableMap }) => unknown }): void;
  registerPreviewStyle(href: string): void;
  registerPreviewTemplate(collection: string, component: unknown): void;
}

const { CMS: cms, h } = window as unknown as { CMS: DecapCms; h: CreateElement };

/**
 * The key under which the save guard hands the file as loaded to the format's toFile, which
 * merges the edited values into it (Decap gives toFile only the values); never written.
 */
const ORIGINAL_KEY = '__original';
const articleLayout = articleFileLayout();
const authorLayout = authorFileLayout();
const originalOf = (data: Record<string, unknown>) => {
  const { [ORIGINAL_KEY]: original, [LISTING_KEY]: _listing, ...values } = data;
  return { original: typeof original === 'string' && original ? original : undefined, values };
};

cms.registerCustomFormat('meridian-mdx', 'mdx', {
  fromFile: (text) => {
    const values = readArticle(text, articleLayout);
    return { ...values, [LISTING_KEY]: articleListing(values, new Date()) };
  },
  toFile: (data) => {
    const { original, values } = originalOf(data);
    return writeArticle(values, original, articleLayout);
  },
});

cms.registerCustomFormat('meridian-yaml', 'yaml', {
  fromFile: (text) => readYaml(text, authorLayout),
  toFile: (data) => {
    const { original, values } = originalOf(data);
    return writeYaml(values, original, authorLayout);
  },
});

// A reporter looks for "New story", not "＋ Article" (the collection's singular label is "story").
const english = cms.getLocale('en') as { collection: { collectionTop: Record<string, string> } };
cms.registerLocale('en', {
  ...english,
  collection: {
    ...english.collection,
    collectionTop: { ...english.collection.collectionTop, newButton: 'New %{collectionLabel}' },
  },
});

const photoFields = [
  { name: 'image', label: 'Photo', widget: 'image', choose_url: false, media_library: { config: { multiple: false } } },
  { name: 'alt', label: 'Alt text (required): what the photo shows, for readers who cannot see it', widget: 'string' },
  { name: 'caption', label: 'Caption of this photo', widget: 'string', required: false },
  { name: 'credit', label: 'Credit (photographer or agency)', widget: 'string', required: false },
];
/** Decap's getAsset as a URL the preview can show. */
const assetUrl =
  (
    getAsset: (path: string, field?: unknown) => unknown,
    fields?: { find?: (test: (field: { get(key: string): unknown }) => boolean) => unknown },
  ) =>
  (path: string) =>
    String(
      getAsset(
        path,
        fields?.find?.((field) => field.get('widget') === 'image'),
      ) ?? '',
    );

cms.registerEditorComponent({
  id: 'figure',
  label: 'Photo',
  fields: photoFields,
  pattern: figurePattern,
  fromBlock: figureFromBlock,
  toBlock: figureToBlock,
  toPreview: (data: Record<string, string>, getAsset: (path: string) => unknown, fields: never) =>
    figureToPreview(data, assetUrl(getAsset, fields)),
});

cms.registerEditorComponent({
  id: 'gallery',
  label: 'Photo gallery',
  fields: [
    { name: 'caption', label: 'Caption of the whole gallery', widget: 'string', required: false },
    {
      name: 'photos',
      label: 'Photos',
      label_singular: 'photo',
      widget: 'list',
      fields: photoFields,
      summary: '{{fields.alt}}',
    },
  ],
  pattern: galleryPattern,
  fromBlock: galleryFromBlock,
  toBlock: galleryToBlock,
  toPreview: (data: Record<string, never>, getAsset: (path: string) => unknown) =>
    galleryToPreview(data, assetUrl(getAsset)),
});

cms.registerEditorComponent({
  id: 'pull-quote',
  label: 'Pull quote',
  fields: [
    { name: 'text', label: 'Quoted words', widget: 'text' },
    { name: 'cite', label: 'Said by', widget: 'string', required: false },
  ],
  pattern: pullQuotePattern,
  fromBlock: pullQuoteFromBlock,
  toBlock: pullQuoteToBlock,
  toPreview: pullQuoteToPreview,
});

cms.registerEditorComponent({
  id: 'youtube',
  label: 'YouTube video',
  fields: [
    { name: 'id', label: 'Video id (the 11 characters after v= in its address)', widget: 'string' },
    { name: 'title', label: 'What the video is', widget: 'string' },
    { name: 'caption', label: 'Caption', widget: 'string', required: false },
  ],
  pattern: youTubePattern,
  fromBlock: youTubeFromBlock,
  toBlock: youTubeToBlock,
  toPreview: youTubeToPreview,
});

cms.registerEditorComponent({
  id: 'embed',
  label: 'Post or map (X, Bluesky, Instagram, TikTok, OpenStreetMap)',
  fields: [
    { name: 'url', label: 'Address of the post or map', widget: 'string' },
    { name: 'title', label: 'What it is', widget: 'string' },
    { name: 'quote', label: 'The post’s words (shown until the reader loads it)', widget: 'text', required: false },
  ],
  pattern: embedPattern,
  fromBlock: embedFromBlock,
  toBlock: embedToBlock,
  toPreview: embedToPreview,
});

cms.registerEventListener({
  name: 'preSave',
  handler: async ({ entry }) => {
    let data = (entry.get('data') as ImmutableMap).delete(LISTING_KEY);
    // `raw` is the file as Decap loaded it; empty for a new entry.
    const raw = entry.get('raw');
    const original = typeof raw === 'string' ? raw : '';
    if (entry.get('collection') === 'articles') {
      const loadedBody = original ? splitArticle(original).body : undefined;
      const { remove, replace, problems } = await checkArticle(data.toJS(), loadedBody);
      // Decap shows the thrown message in its "failed to save" notice, and keeps the editor open.
      if (problems.length > 0) throw new Error(`Not saved. ${problems.join(' ')}`);
      for (const keys of remove) data = data.deleteIn(keys);
      for (const [keys, value] of replace) data = data.setIn(keys, value);
    }
    return data.set(ORIGINAL_KEY, original);
  },
});

cms.registerPreviewStyle('preview.css');
cms.registerPreviewTemplate('articles', articlePreview(h));
