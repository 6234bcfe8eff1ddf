import { describe, expect, it } from 'vitest';
import { openingParagraph } from '../../../src/articles/excerpt.ts';

describe('openingParagraph', () => {
  it('returns the first paragraph as plain text', () => {
    const body = '\nFirst paragraph, with a [link](https://example.org) and **bold** text.[^1]\n\nSecond paragraph.\n';
    expect(openingParagraph(body)).toBe('First paragraph, with a link and bold text.');
  });

  it('skips headings, imports, components, lists, tables and quotes', () => {
    const body = [
      "import Chart from '../chart.astro';",
      '## A heading',
      '<PullQuote>Words</PullQuote>',
      '- a list item',
      '| a | b |\n| - | - |',
      '> a quote',
      'The ~~real~~ opening, in `code` and _italics_.',
    ].join('\n\n');
    expect(openingParagraph(body)).toBe('The real opening, in code and italics.');
  });

  it('cuts a long paragraph at a word boundary and marks the cut', () => {
    const body = 'word '.repeat(200);
    const excerpt = openingParagraph(body, 52);
    expect(excerpt.length).toBeLessThanOrEqual(53);
    expect(excerpt).toMatch(/^word( word)+…$/);
  });

  it('is empty when there is no prose paragraph', () => {
    expect(openingParagraph('## Only a heading')).toBe('');
    expect(openingParagraph('')).toBe('');
  });
});
