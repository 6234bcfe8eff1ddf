import { describe, expect, it } from 'vitest';
import { duplicateTags, tagSlug } from '../../../src/articles/tags.ts';

describe('tagSlug', () => {
  it.each([
    ['ASEAN', 'asean'],
    ['Sanctions', 'sanctions'],
    ['South-East Asia', 'south-east-asia'],
    ['  Trade & Energy  ', 'trade-energy'],
    ['Café Politique', 'cafe-politique'],
    ['Россия', 'россия'],
    ['東南アジア', '東南アジア'],
    ['C++/Rust', 'c-rust'],
  ])('%s -> %s', (tag, slug) => {
    expect(tagSlug(tag)).toBe(slug);
  });
});

describe('duplicateTags', () => {
  it('finds tags whose slugs collide', () => {
    expect(duplicateTags(['Russia', 'ASEAN', 'russia', 'Asean '])).toEqual(['russia', 'Asean ']);
    expect(duplicateTags(['Russia', 'Myanmar'])).toEqual([]);
  });
});
