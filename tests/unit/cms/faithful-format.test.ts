import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { parse } from 'yaml';
import { readArticle, readYaml, writeArticle, writeYaml } from '../../../src/cms/faithful-format.ts';
import { articleFileLayout, authorFileLayout } from '../../../src/cms/schema-fields.ts';
import { projectRoot } from '../../support/project.ts';

const layout = articleFileLayout();
const articleDirs = ['content/articles', 'tests/fixtures/content/articles'].map((dir) => path.join(projectRoot, dir));

async function articleFiles(): Promise<string[]> {
  const lists = await Promise.all(
    articleDirs.map(async (dir) =>
      (await readdir(dir)).filter((name) => name.endsWith('.mdx')).map((name) => path.join(dir, name)),
    ),
  );
  return lists.flat();
}

const seedPath = path.join(projectRoot, 'content/articles/russia-reaffirms-deepening-ties-with-myanmar.mdx');

/** Lines that differ between two texts of the same length in lines, or -1 when the counts differ. */
const changedLines = (a: string, b: string) => {
  const linesA = a.split('\n');
  const linesB = b.split('\n');
  return linesA.length === linesB.length ? linesA.filter((line, index) => line !== linesB[index]).length : -1;
};

describe('the admin’s faithful file format', () => {
  it('writes every article of content/ and of the fixtures back byte for byte when nothing changed', async () => {
    const files = await articleFiles();
    expect(files.length).toBeGreaterThanOrEqual(5);
    for (const file of files) {
      const text = await readFile(file, 'utf8');
      expect(writeArticle(readArticle(text, layout), text, layout), file).toBe(text);
    }
  });

  it('writes an article back byte for byte after a value was changed and changed back', async () => {
    for (const file of await articleFiles()) {
      const text = await readFile(file, 'utf8');
      const values = readArticle(text, layout);
      const edited = writeArticle({ ...values, title: 'Another headline', featured: true }, text, layout);
      expect(edited, file).not.toBe(text);
      expect(writeArticle(values, edited, layout), file).toBe(text);
    }
  });

  it('turns a one-word fix into a one-line change, keeping comments, order and blank lines', async () => {
    const seed = await readFile(seedPath, 'utf8');
    const values = readArticle(seed, layout);
    const body = String(values.body).replace('particularly importance', 'particular importance');
    expect(changedLines(seed, writeArticle({ ...values, body }, seed, layout))).toBe(1);
    const retitled = writeArticle({ ...values, title: 'Russia and Myanmar deepen ties' }, seed, layout);
    expect(changedLines(seed, retitled)).toBe(1);
    expect(retitled).toContain('# The source gives no publication date.');
    expect(retitled).toMatch(/section: World\ntags:\n {2}- Russia/);
  });

  it('shows a single author as a list of one and writes it back as it was; a second author makes a list', async () => {
    const seed = await readFile(seedPath, 'utf8');
    const values = readArticle(seed, layout);
    expect(values.author).toEqual(['ahmed-adel']);
    expect(writeArticle(values, seed, layout)).toContain('\nauthor: ahmed-adel\n');
    const two = writeArticle({ ...values, author: ['ahmed-adel', 'fixture-editor'] }, seed, layout);
    expect(parse(/^---\n([\s\S]*?)---/.exec(two)![1]!).author).toEqual(['ahmed-adel', 'fixture-editor']);
  });

  it('shows absent fields at their defaults and does not write them unless changed', async () => {
    const seed = await readFile(seedPath, 'utf8');
    const values = readArticle(seed, layout);
    expect(values).toMatchObject({ comments: true, draft: false, featured: false, breaking: false, lang: 'en' });
    const closed = writeArticle({ ...values, comments: false }, seed, layout);
    expect(changedLines(seed, closed)).toBe(-1);
    expect(closed).toContain(
      '\ntags:\n  - Russia\n  - Myanmar\n  - ASEAN\n  - Sanctions\n  - Diplomacy\ncomments: false\n---\n',
    );
  });

  it('writes a new article in the form’s order without defaults or empty fields', () => {
    const text = writeArticle(
      {
        body: 'The port reopened.',
        lang: 'en',
        breaking: false,
        featured: true,
        corrections: [],
        comments: true,
        canonical: '',
        draft: false,
        image: { src: 'images/cranes.jpg', alt: 'Cranes', caption: '', credit: 'Staff' },
        tags: ['Harbours'],
        section: 'World',
        updated: '',
        date: '2026-01-02T10:00:00Z',
        author: ['ahmed-adel'],
        description: 'The port is working again.',
        title: 'Harbour reopens: "at last"',
      },
      undefined,
      layout,
    );
    expect(text).toBe(
      [
        '---',
        'title: \'Harbour reopens: "at last"\'',
        'description: The port is working again.',
        'author: ahmed-adel',
        'date: 2026-01-02T10:00:00Z',
        'section: World',
        'tags:',
        '  - Harbours',
        'image:',
        '  src: images/cranes.jpg',
        '  alt: Cranes',
        '  credit: Staff',
        'featured: true',
        '---',
        '',
        'The port reopened.',
        '',
      ].join('\n'),
    );
  });

  it('keeps corrections, the hero image’s credit and the language of the fixtures through an edit', async () => {
    const file = path.join(projectRoot, 'tests/fixtures/content/articles/fixture-newsroom-story.mdx');
    const text = await readFile(file, 'utf8');
    const values = readArticle(text, layout);
    const corrections = [...(values.corrections as object[]), { date: '2022-09-22T08:00:00Z', text: 'A third fix.' }];
    const image = { ...(values.image as object), credit: 'Test Suite' };
    const edited = writeArticle({ ...values, corrections, image, lang: 'fr' }, text, layout);
    const front = parse(/^---\n([\s\S]*?)---/.exec(edited)![1]!) as Record<string, unknown>;
    expect(front.corrections).toHaveLength(3);
    expect(front.image).toMatchObject({
      credit: 'Test Suite',
      caption: 'The same generated picture as the other fixture.',
    });
    expect(front.lang).toBe('fr');
    expect(edited).toContain('# Test fixture: two authors, corrections, featured and breaking. Not news.');
  });

  it('keeps an author’s YAML file as it was, with a changed field changed in place', async () => {
    const file = path.join(projectRoot, 'tests/fixtures/content/authors/fixture-reporter.yaml');
    const text = await readFile(file, 'utf8');
    const values = readYaml(text, authorFileLayout());
    expect(writeYaml(values, text, authorFileLayout())).toBe(text);
    const edited = writeYaml({ ...values, url: 'https://reporter.example.com' }, text, authorFileLayout());
    expect(parse(edited)).toMatchObject({ ...parse(text), url: 'https://reporter.example.com' });
  });
});
