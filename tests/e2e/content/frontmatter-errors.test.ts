import { cp, mkdir, mkdtemp, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { astro, projectRoot } from '../../support/project.ts';
import { testRoot } from '../../support/site-build.ts';

const validFrontmatter = {
  title: 'A valid headline',
  description: 'A valid standfirst.',
  author: 'ahmed-adel',
  date: '2022-08-08T09:00:00Z',
  tags: '[Russia]',
};

/** A content folder holding the real authors and one article built from `fields` (null removes a field). */
async function contentWith(fileName: string, fields: Record<string, string | null>, extra = ''): Promise<string> {
  await mkdir(testRoot, { recursive: true });
  const dir = await mkdtemp(path.join(testRoot, 'bad-content-'));
  await cp(path.join(projectRoot, 'content', 'authors'), path.join(dir, 'authors'), { recursive: true });
  await mkdir(path.join(dir, 'articles'));
  const merged = { ...validFrontmatter, ...fields };
  const yaml = Object.entries(merged)
    .filter(([, value]) => value !== null)
    .map(([key, value]) => `${key}: ${value}`)
    .join('\n');
  await writeFile(path.join(dir, 'articles', fileName), `---\n${yaml}\n${extra}---\n\nBody text.\n`);
  return dir;
}

/** Runs the content layer (and, for references, the build) against a content folder; returns Astro's output. */
async function validate(contentDir: string, command: 'sync' | 'build' = 'sync') {
  const name = path.basename(contentDir);
  return astro([command], {
    CONTENT_DIR: contentDir,
    ASTRO_CACHE_DIR: path.join(testRoot, `cache-${name}`),
    OUT_DIR: path.join(testRoot, `out-${name}`),
  });
}

describe('frontmatter validation names the file and the field', () => {
  it('accepts a valid article', async () => {
    const result = await validate(await contentWith('valid-article.mdx', {}));
    expect(result.output).not.toMatch(/does not match collection schema/);
    expect(result.code).toBe(0);
  });

  it.each([
    ['missing author', 'missing-author.mdx', { author: null }, '', /author: /],
    ['unparsable date', 'bad-date.mdx', { date: 'last Tuesday' }, '', /date: date must be a date such as .*"last Tuesday"/],
    [
      'updated before date',
      'updated-early.mdx',
      { updated: '2022-08-01T00:00:00Z' },
      '',
      /updated: updated \(2022-08-01T00:00:00.000Z\) must not be before date/,
    ],
    ['empty tags', 'empty-tags.mdx', { tags: '[]' }, '', /tags: tags must list at least one tag/],
    ['duplicate tags', 'duplicate-tags.mdx', { tags: '[Russia, russia]' }, '', /tags: tags must not repeat: "russia"/],
    ['image without alt', 'image-no-alt.mdx', {}, 'image:\n  caption: No alt text\n  src: ./missing.jpg\n', /image\.alt: image\.alt is required/],
    ['over-long title', 'long-title.mdx', { title: 'x'.repeat(141) }, '', /title: title must be at most 140 characters/],
    ['a misspelt field', 'typo-featured.mdx', { featurd: 'true' }, '', /unknown field "featurd" \(did you mean "featured"\?\)/],
    ['a misspelt title', 'typo-title.mdx', { title: null, tittle: 'A headline' }, '', /unknown field "tittle" \(did you mean "title"\?\)/],
    ['a bad correction', 'bad-correction.mdx', {}, 'corrections:\n  - date: 2022-08-09T00:00:00Z\n', /corrections\.0\.text: corrections\.text is required/],
    ['a bad language tag', 'bad-lang.mdx', { lang: 'arabic language' }, '', /lang: lang must be a BCP 47 language tag/],
  ])('%s', async (_case, fileName, fields, extra, message) => {
    const result = await validate(await contentWith(fileName, fields, extra));
    expect(result.code).not.toBe(0);
    expect(result.output).toContain(fileName);
    expect(result.output).toMatch(message);
  });

  it('an unknown author id fails the build, naming the file, the field and the id', async () => {
    const result = await validate(await contentWith('unknown-author.mdx', { author: 'nobody-here' }), 'build');
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(/unknown-author(\.mdx)?.*author.*"?nobody-here"?/s);
  });
});
