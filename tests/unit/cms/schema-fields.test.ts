import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { z } from 'astro/zod';
import { describe, expect, it } from 'vitest';
import { articleSchema, authorSchema } from '../../../src/articles/schema.ts';
import { cmsConfig, fieldNames } from '../../../src/cms/config.ts';
import { articleFields, authorFields, fieldsFromSchema, type CmsField } from '../../../src/cms/schema-fields.ts';
import { knownTags } from '../../../src/cms/known-tags.ts';
import { gitRepoDirectory, readCmsBackend, repoRoot } from '../../../src/cms/settings.ts';

const options = { knownTags: ['Diplomacy', 'Russia'], timeZone: 'UTC' };
const helpers = { image: () => z.string(), author: z.string() };

/** Every frontmatter key a schema accepts, nested object keys as "parent.child". */
function schemaKeys(schema: z.ZodType): string[] {
  let current = schema;
  while (current instanceof z.ZodPipe) current = current.in as z.ZodType;
  const shape = (current as z.ZodObject).shape as Record<string, z.ZodType>;
  return Object.entries(shape).flatMap(([name, field]) => {
    let inner = field;
    while (inner instanceof z.ZodOptional || inner instanceof z.ZodDefault) inner = inner.def.innerType as z.ZodType;
    if (inner instanceof z.ZodArray && inner.element instanceof z.ZodObject) inner = inner.element as z.ZodType;
    return inner instanceof z.ZodObject ? [name, ...schemaKeys(inner).map((key) => `${name}.${key}`)] : [name];
  });
}

const byName = (fields: CmsField[], name: string) => fields.find((field) => field.name === name)!;

describe('the admin’s fields come from the frontmatter schema', () => {
  it('offers every field of the article schema, nested ones included, plus the body', () => {
    expect(fieldNames(articleFields(options)).sort()).toEqual([...schemaKeys(articleSchema(helpers)), 'body'].sort());
  });

  it('offers every field of the author schema', () => {
    expect(fieldNames(authorFields()).sort()).toEqual(schemaKeys(authorSchema(helpers)).sort());
  });

  it('refuses to build the admin when the schema gains a field without a widget', () => {
    const grown = articleSchema(helpers).in.extend({ kicker: z.string() });
    expect(() => fieldsFromSchema(grown, { title: { label: 'Title', widget: 'string' } }, 'articles')).toThrow(
      /"description".*"kicker"|"kicker"/,
    );
  });

  it('takes required, defaults and length limits from the schema', () => {
    const fields = articleFields(options);
    expect(byName(fields, 'title')).toMatchObject({
      required: true,
      pattern: ['^[\\s\\S]{0,140}$', 'title must be at most 140 characters'],
    });
    expect(new RegExp(byName(fields, 'title').pattern![0]).test('x'.repeat(141))).toBe(false);
    expect(byName(fields, 'description').pattern![0]).toBe('^[\\s\\S]{0,300}$');
    expect(byName(fields, 'tags')).toMatchObject({ widget: 'list', min: 1, required: true });
    expect(byName(fields, 'tags').hint).toContain('Diplomacy, Russia');
    expect(byName(fields, 'section').required).toBe(false);
    expect(byName(fields, 'draft')).toMatchObject({ widget: 'boolean', default: false, required: false });
    expect(byName(fields, 'comments')).toMatchObject({ default: true });
    expect(byName(fields, 'date')).toMatchObject({ widget: 'datetime', required: true, picker_utc: true });
    expect(byName(fields, 'date').format).toBe('YYYY-MM-DDTHH:mm:ss[Z]');
    expect(byName(articleFields({ ...options, timeZone: 'Europe/Paris' }), 'date')).toMatchObject({
      format: 'YYYY-MM-DDTHH:mm:ssZ',
      picker_utc: false,
    });
    expect(byName(fields, 'author')).toMatchObject({
      widget: 'relation',
      collection: 'authors',
      value_field: '{{slug}}',
    });
  });

  it('leaves the hero image’s sub-fields optional for Decap (the save guard requires the alt text)', () => {
    const image = byName(articleFields(options), 'image');
    expect(image.required).toBe(false);
    expect(image.fields!.map((field) => [field.name, field.widget, field.required])).toEqual([
      ['src', 'image', false],
      ['alt', 'string', false],
      ['caption', 'string', false],
      ['credit', 'string', false],
    ]);
  });
});

describe('the Decap configuration', () => {
  const base = {
    ...options,
    contentDir: '/repo/content',
    repoRoot: '/repo',
    siteUrl: 'https://example.com',
    basePath: '/news/',
    backend: { repo: 'acme/news', branch: 'main' },
  };

  it('points the collections at CONTENT_DIR relative to the repository, and images beside the articles', () => {
    const config = cmsConfig(base) as {
      collections: Record<string, unknown>[];
      media_folder: string;
      site_url: string;
    };
    expect(config.collections.map((collection) => [collection.name, collection.folder, collection.extension])).toEqual([
      ['articles', 'content/articles', 'mdx'],
      ['authors', 'content/authors', 'yaml'],
    ]);
    expect(config.media_folder).toBe('content/articles/images');
    expect(config.site_url).toBe('https://example.com/news/');
    expect(() => cmsConfig({ ...base, contentDir: '/elsewhere/content' })).toThrow(/inside the repository/);
  });

  it('uses GitHub with the editorial workflow in production, and the local backend without it in development', () => {
    const production = cmsConfig({ ...base, backend: { ...base.backend, authUrl: 'https://auth.example.com' } });
    expect(production.backend).toEqual({
      name: 'github',
      repo: 'acme/news',
      branch: 'main',
      base_url: 'https://auth.example.com',
      auth_endpoint: 'auth',
    });
    expect(production.publish_mode).toBe('editorial_workflow');
    expect(production.local_backend).toBeUndefined();
    const local = cmsConfig({ ...base, localBackendUrl: 'http://127.0.0.1:8081/api/v1' });
    expect(local.local_backend).toEqual({ url: 'http://127.0.0.1:8081/api/v1' });
    expect(local.publish_mode).toBeUndefined();
  });
});

describe('the admin’s settings from the environment', () => {
  it('finds the repository the way each host’s build reports it', () => {
    expect(readCmsBackend({ CMS_GITHUB_REPO: 'acme/news', GITHUB_REPOSITORY: 'x/y' }).repo).toBe('acme/news');
    expect(readCmsBackend({ GITHUB_REPOSITORY: 'acme/news' }).repo).toBe('acme/news');
    expect(readCmsBackend({ REPOSITORY_URL: 'https://github.com/acme/news' }).repo).toBe('acme/news');
    expect(readCmsBackend({ REPOSITORY_URL: 'git@github.com:acme/news.git' }).repo).toBe('acme/news');
    expect(readCmsBackend({ CMS_AUTH_URL: 'https://auth.example.com/' })).toEqual({
      repo: 'OWNER/REPOSITORY',
      branch: 'main',
      authUrl: 'https://auth.example.com',
    });
  });

  it('keeps Decap’s paths relative to the working tree that holds the content', () => {
    expect(repoRoot(undefined, '/srv/site', 'content')).toBe('/srv/site');
    expect(repoRoot(undefined, '/srv/site/', '/tmp/copy/content')).toBe('/tmp/copy');
    expect(repoRoot(gitRepoDirectory({ GIT_REPO_DIRECTORY: '/work' }), '/srv/site', 'content')).toBe('/work');
  });
});

describe('the tags offered', () => {
  it('lists the tags the articles use, once each, and skips a file whose frontmatter is not YAML', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cms-tags-'));
    await writeFile(path.join(dir, 'a.mdx'), '---\ntitle: A\ntags:\n  - Russia\n  - ASEAN\n---\nText');
    await writeFile(path.join(dir, 'b.mdx'), '---\ntags: [Russia, Diplomacy]\n---\nText');
    await writeFile(path.join(dir, 'broken.mdx'), '---\ntags: [unclosed\n---\nText');
    expect(await knownTags(dir)).toEqual(['ASEAN', 'Diplomacy', 'Russia']);
    expect(await knownTags(path.join(dir, 'missing'))).toEqual([]);
    await rm(dir, { recursive: true });
  });

  it('keeps the tags of each article in the cache file and reads again only the articles that changed, were added or were removed', async () => {
    const dir = await mkdtemp(path.join(os.tmpdir(), 'cms-tags-'));
    const cacheFile = path.join(dir, 'cache', 'cms-known-tags.json');
    const articles = path.join(dir, 'articles');
    await mkdir(articles);
    await writeFile(path.join(articles, 'a.mdx'), '---\ntags: [Russia]\n---\nText');
    await writeFile(path.join(articles, 'b.mdx'), '---\ntags: [Diplomacy]\n---\nText');
    expect(await knownTags(articles, cacheFile)).toEqual(['Diplomacy', 'Russia']);
    const stored = JSON.parse(await readFile(cacheFile, 'utf8')) as {
      files: Record<string, [number, number, string[]]>;
    };
    expect(stored.files['a.mdx']?.[2]).toEqual(['Russia']);

    // A cached record is what an unchanged file gives: the cache, not the file, is read.
    stored.files['b.mdx']![2] = ['From the cache'];
    await writeFile(cacheFile, JSON.stringify(stored));
    expect(await knownTags(articles, cacheFile)).toEqual(['From the cache', 'Russia']);

    // An edit (new size and time), a new article and a deleted one are all seen.
    await writeFile(path.join(articles, 'b.mdx'), '---\ntags: [Diplomacy, ASEAN]\n---\nText, edited');
    await writeFile(path.join(articles, 'c.mdx'), '---\ntags: [Economy]\n---\nText');
    await rm(path.join(articles, 'a.mdx'));
    expect(await knownTags(articles, cacheFile)).toEqual(['ASEAN', 'Diplomacy', 'Economy']);
    expect(Object.keys((JSON.parse(await readFile(cacheFile, 'utf8')) as typeof stored).files)).toEqual([
      'b.mdx',
      'c.mdx',
    ]);
    await rm(dir, { recursive: true });
  });
});
