import { expect, it } from 'vitest';
import { excerptParts, sentenceExcerpt } from '../../../src/search/sentence-excerpt.ts';

const text = (html: string) =>
  sentenceExcerpt(excerptParts(html))
    .map((part) => (part.mark ? `[${part.text}]` : part.text))
    .join('');

it('starts at the sentence that holds the first match', () => {
  expect(text('ties with Moscow. The visit of <mark>Lavrov</mark> to Naypyidaw &amp; more.')).toBe(
    'The visit of [Lavrov] to Naypyidaw & more.',
  );
  expect(text('said “no.” “We will <mark>build</mark> it,” she said.')).toBe('“We will [build] it,” she said.');
});

it('keeps an excerpt that already starts a sentence, and marks a cut when the sentence began earlier', () => {
  expect(text('Russia and Myanmar <mark>reaffirmed</mark> their commitment')).toBe(
    'Russia and Myanmar [reaffirmed] their commitment',
  );
  expect(text('over the site that <mark>began</mark> in 2024.')).toBe('…over the site that [began] in 2024.');
  expect(text('<mark>Lavrov</mark> landed')).toBe('[Lavrov] landed');
});

it('reads Pagefind’s escaped text as text, so nothing in it becomes markup', () => {
  expect(excerptParts('a &lt;b&gt; <mark>c&amp;d</mark>')).toEqual([
    { text: 'a <b> ', mark: false },
    { text: 'c&d', mark: true },
  ]);
});
