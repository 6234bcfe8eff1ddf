import { describe, expect, it } from 'vitest';
import { metaTags, jsonLdScript, type PageSeo } from '../../../src/seo/types.ts';
import type { CorrectionComment, Person } from 'schema-dts';
import { headline, newsArticle, breadcrumbs } from '../../../src/seo/json-ld.ts';

const image = { url: 'https://example.com/news/share/a.png', width: 1200, height: 630, alt: 'Alt', type: 'image/png' };
const articleSeo: PageSeo = {
  type: 'article',
  title: 'Title',
  description: 'Desc',
  url: 'https://example.com/news/articles/a/',
  image,
  article: {
    published: new Date('2022-08-08T09:00:00Z'),
    modified: new Date('2022-08-09T09:00:00Z'),
    authors: [
      { name: 'X Y', url: 'https://example.com/news/authors/x/' },
      { name: 'Z W', url: 'https://example.com/news/authors/z/' },
    ],
    section: 'World',
    tags: ['Russia', 'ASEAN'],
  },
  jsonLd: [],
};

describe('metaTags', () => {
  const tags = metaTags(articleSeo, { name: 'The Meridian', locale: 'en_GB' });
  const values = (key: string) =>
    tags.filter((tag) => ('property' in tag ? tag.property : tag.name) === key).map((tag) => tag.content);

  it('has Open Graph, article and X tags, one article:tag per tag', () => {
    expect(values('og:type')).toEqual(['article']);
    expect(values('og:image')).toEqual([image.url]);
    expect(values('og:image:width')).toEqual(['1200']);
    expect(values('article:tag')).toEqual(['Russia', 'ASEAN']);
    expect(values('article:published_time')).toEqual(['2022-08-08T09:00:00.000Z']);
    expect(values('twitter:card')).toEqual(['summary_large_image']);
    expect(values('twitter:data1')).toEqual(['X Y and Z W']);
    expect(values('article:author')).toEqual([
      'https://example.com/news/authors/x/',
      'https://example.com/news/authors/z/',
    ]);
    expect(values('twitter:data2')).toEqual(['Russia']);
    expect(values('robots')).toEqual(['max-image-preview:large']);
  });

  it('adds noindex to robots when asked and leaves article tags off other pages', () => {
    const other = metaTags({ ...articleSeo, type: 'website', article: undefined, robots: 'noindex' } as PageSeo, {
      name: 'n',
      locale: 'en',
    });
    expect(other.find((tag) => 'name' in tag && tag.name === 'robots')?.content).toBe(
      'max-image-preview:large, noindex',
    );
    expect(other.some((tag) => 'property' in tag && tag.property.startsWith('article:'))).toBe(false);
  });

  it('escapes < in JSON-LD so text cannot close the script', () => {
    const script = jsonLdScript({ headline: '</script><script>alert(1)</script>' });
    expect(script).not.toContain('</script>');
    expect(JSON.parse(script)).toEqual({ headline: '</script><script>alert(1)</script>' });
  });
});

describe('JSON-LD', () => {
  it('cuts headlines over 110 characters at a word, with an ellipsis', () => {
    const long = 'word '.repeat(40).trim();
    const cut = headline(long);
    expect([...cut].length).toBeLessThanOrEqual(110);
    expect(cut.endsWith('word…')).toBe(true);
    expect(headline('Short one')).toBe('Short one');
  });

  it('builds a NewsArticle with the required properties', () => {
    const data = newsArticle({
      url: 'https://e.com/a/',
      title: 'T',
      description: 'D',
      images: ['https://e.com/i.png'],
      published: new Date('2022-08-08T09:00:00+02:00'),
      modified: new Date('2022-08-08T10:00:00+02:00'),
      authors: [{ name: 'A', url: 'https://e.com/authors/a/' }],
      section: 'World',
      tags: ['x'],
      lang: 'en',
      publisher: { name: 'P', url: 'https://e.com/', logo: image },
    });
    expect(data).toMatchObject({
      '@type': 'NewsArticle',
      datePublished: '2022-08-08T07:00:00.000Z',
      author: [{ '@type': 'Person', name: 'A', url: 'https://e.com/authors/a/' }],
      publisher: { '@type': 'Organization', name: 'P', logo: { url: image.url } },
      mainEntityOfPage: { '@id': 'https://e.com/a/' },
      keywords: ['x'],
    });
  });

  it('numbers breadcrumbs from 1', () => {
    const list = breadcrumbs([
      { name: 'Home', url: 'https://e.com/' },
      { name: 'A', url: 'https://e.com/a/' },
    ]);
    expect(list.itemListElement).toEqual([
      { '@type': 'ListItem', position: 1, name: 'Home', item: 'https://e.com/' },
      { '@type': 'ListItem', position: 2, name: 'A', item: 'https://e.com/a/' },
    ]);
  });
});

describe('NewsArticle with co-authors and corrections', () => {
  const input = {
    url: 'https://e.com/a/',
    title: 'T',
    description: 'D',
    images: ['https://e.com/i.png'],
    published: new Date('2022-08-08T09:00:00Z'),
    modified: new Date('2022-08-10T09:00:00Z'),
    authors: [
      { name: 'A', url: 'https://e.com/authors/a/' },
      { name: 'B', url: 'https://e.com/authors/b/', sameAs: ['https://b.example/'] },
    ],
    corrections: [
      { date: new Date('2022-08-10T09:00:00Z'), text: 'Newer.' },
      { date: new Date('2022-08-09T09:00:00Z'), text: 'Older.' },
    ],
    section: 'World',
    tags: ['x'],
    lang: 'ar',
    publisher: { name: 'P', url: 'https://e.com/', logo: image },
  };

  it('lists every author and each correction as a CorrectionComment', () => {
    const data = newsArticle(input);
    // Typed by schema-dts: the compiler checks these are schema.org's Person and CorrectionComment.
    const authors: Person[] = data.author as Person[];
    const corrections: CorrectionComment[] = data.correction as CorrectionComment[];
    expect(authors).toEqual([
      { '@type': 'Person', name: 'A', url: 'https://e.com/authors/a/' },
      { '@type': 'Person', name: 'B', url: 'https://e.com/authors/b/', sameAs: ['https://b.example/'] },
    ]);
    expect(corrections).toEqual([
      { '@type': 'CorrectionComment', datePublished: '2022-08-10T09:00:00.000Z', text: 'Newer.' },
      { '@type': 'CorrectionComment', datePublished: '2022-08-09T09:00:00.000Z', text: 'Older.' },
    ]);
    expect(data).toMatchObject({ dateModified: '2022-08-10T09:00:00.000Z', inLanguage: 'ar' });
  });

  it('says nothing about corrections when there are none', () => {
    expect('correction' in newsArticle({ ...input, corrections: [] })).toBe(false);
  });
});
