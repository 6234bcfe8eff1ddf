import { describe, expect, it } from 'vitest';
import { bodyProblem, checkArticle } from '../../../src/cms/entry-check.ts';
import {
  pullQuoteFromBlock,
  pullQuotePattern,
  pullQuoteToBlock,
  pullQuoteToPreview,
} from '../../../src/cms/pull-quote-block.ts';

/** An article as Decap hands it to the save guard: every field, empty optional ones as empty strings. */
const entry = (overrides: Record<string, unknown> = {}) => ({
  title: 'Harbour reopens',
  description: 'The port is working again.',
  author: 'ahmed-adel',
  date: '2026-01-02T10:00:00Z',
  updated: '',
  tags: ['Harbours'],
  section: '',
  image: { src: 'images/photo.jpg', alt: 'Cranes at the harbour', caption: '', credit: '' },
  draft: false,
  canonical: '',
  comments: true,
  body: 'The port reopened.\n\n<PullQuote cite="The harbour master">We are open</PullQuote>',
  ...overrides,
});

describe('the save guard', () => {
  it('lets a valid article through and drops the optional fields Decap leaves as empty strings', async () => {
    const { problems, remove } = await checkArticle(entry());
    expect(problems).toEqual([]);
    expect(remove).toEqual([['updated'], ['section'], ['canonical'], ['image', 'caption'], ['image', 'credit']]);
  });

  it('drops an empty list of corrections, and keeps one that has a correction', async () => {
    expect((await checkArticle(entry({ corrections: [] }))).remove).toContainEqual(['corrections']);
    const corrected = await checkArticle(
      entry({ corrections: [{ date: '2026-01-03T09:00:00Z', text: 'A name was misspelt.' }] }),
    );
    expect(corrected.problems).toEqual([]);
    expect(corrected.remove).not.toContainEqual(['corrections']);
  });

  it('writes a date the editor did not touch in the site’s form, not with milliseconds', async () => {
    const { problems, replace } = await checkArticle(entry({ date: new Date('2022-08-08T09:00:00Z') }));
    expect(problems).toEqual([]);
    expect(replace).toEqual([[['date'], '2022-08-08T09:00:00Z']]);
    expect((await checkArticle(entry())).replace).toEqual([]);
  });

  it('drops a hero image left completely empty', async () => {
    const { problems, remove } = await checkArticle(entry({ image: { src: '', alt: '', caption: '', credit: '' } }));
    expect(problems).toEqual([]);
    expect(remove).toContainEqual(['image']);
  });

  it('refuses an image without alt text, and alt text without an image', async () => {
    expect((await checkArticle(entry({ image: { src: 'images/photo.jpg', alt: ' ' } }))).problems).toEqual([
      'image.alt is required: describe the image for readers who cannot see it.',
    ]);
    expect((await checkArticle(entry({ image: { src: '', alt: 'Cranes' } }))).problems[0]).toMatch(/choose an image/);
  });

  it('refuses what the schema refuses: no tags, a title over 140 characters, a bad date', async () => {
    expect((await checkArticle(entry({ tags: [] }))).problems).toEqual(['tags must list at least one tag']);
    expect((await checkArticle(entry({ title: 'x'.repeat(141) }))).problems).toEqual([
      'title must be at most 140 characters',
    ]);
    expect((await checkArticle(entry({ date: 'soon' }))).problems[0]).toMatch(/^date must be a date/);
    expect((await checkArticle(entry({ tags: ['Russia', 'russia'] }))).problems[0]).toMatch(/tags must not repeat/);
  });

  it('refuses a body that does not compile as MDX, naming the line', async () => {
    const problem = await bodyProblem('First paragraph.\n\nSpending rose {by 5% in a year.');
    expect(problem).toMatch(/^The body is not valid MDX at line 3: /);
    expect(problem).toMatch(/nothing was saved/);
    expect(await bodyProblem('A <b>tag</b> and a literal \\{brace\\} and \\<angle.')).toBeNull();
    expect(await bodyProblem('{/* an editor’s note */}\n\nText.')).toBeNull();
  });

  it('refuses components the site does not provide', async () => {
    expect(await bodyProblem('<Chart data="x" />')).toMatch(/uses <Chart>, which the site does not provide/);
  });
});

describe('the pull-quote block', () => {
  it('reads the seed article’s pull quote and writes it back unchanged', () => {
    const text = '<PullQuote cite="Sergei Lavrov">Relations are developing quite deeply</PullQuote>';
    const match = text.match(pullQuotePattern)!;
    expect(pullQuoteFromBlock(match)).toEqual({ cite: 'Sergei Lavrov', text: 'Relations are developing quite deeply' });
    expect(pullQuoteToBlock(pullQuoteFromBlock(match))).toBe(text);
  });

  it('writes braces and angle brackets typed in the block as characters, so the MDX still compiles', async () => {
    const block = pullQuoteToBlock({ cite: 'A "source"', text: 'Costs {rose} <fast>' });
    expect(block).toBe('<PullQuote cite="A &quot;source&quot;">Costs &#123;rose&#125; &#60;fast&#62;</PullQuote>');
    expect(await bodyProblem(block)).toBeNull();
    expect(pullQuoteToBlock({ text: 'No source' })).toBe('<PullQuote>No source</PullQuote>');
  });

  it('previews with the site’s classes and escapes the text', () => {
    expect(pullQuoteToPreview({ cite: 'Me', text: '<b>' })).toBe(
      '<div class="pull-quote"><p class="words">&#60;b&#62;</p><p class="cite">Me</p></div>',
    );
  });
});
