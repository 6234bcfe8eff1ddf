import { mkdir, mkdtemp, readFile, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { beforeAll, describe, expect, it } from 'vitest';
import astroConfig from '../../../astro.config.mjs';
import { createArticleCompiler, type PipelineOptions } from '../../../src/article-content/mdx-compiler.ts';
import { bodyComponents } from '../../../src/cms/entry-check.ts';
import { projectRoot } from '../../support/project.ts';

/** The project's own pipeline (astro.config.mjs), as the article loader takes it. */
const pipeline = (astroConfig.markdown?.processor as unknown as { options: PipelineOptions }).options;
const compile = createArticleCompiler(pipeline, bodyComponents);

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'article-compiler-'));
  await mkdir(path.join(dir, 'images'));
  await writeFile(path.join(dir, 'images', 'quay.jpg'), 'not really a jpeg; only its presence is checked');
  await writeFile(path.join(dir, 'talk.mp3'), 'not really a recording; only its presence is checked');
  await writeFile(path.join(dir, 'talk.vtt'), 'WEBVTT\n');
});

const frontmatter = '---\ntitle: A story\ndescription: In brief.\nauthor: someone\ndate: 2024-01-01\n---\n';

/** Compiles a whole file as the loader does: frontmatter blanked out, lines kept. */
async function compileFile(text: string, name = 'story.mdx') {
  const file = path.join(dir, name);
  await writeFile(file, text);
  return compile(parseFrontmatter(text, { frontmatter: 'empty-with-spaces' }).content, file);
}

describe('an article compiled at content sync', () => {
  it('is a function body (no imports), with its headings, embeds and images recorded', async () => {
    const article = await compileFile(
      `${frontmatter}\n## The quay\n\n<Figure src="./images/quay.jpg" alt="The quay" />\n\n<YouTube id="aqz-KE-bpKQ" title="A video" />\n`,
    );
    expect(article.code).not.toMatch(/^\s*import\s/m);
    expect(article.code).toMatch(/props\.mediaImages\["\.\/images\/quay\.jpg"\]/);
    expect(article.code).toMatch(/return \{\s*default: MDXContent/);
    expect(article.headings).toEqual([{ depth: 2, slug: 'the-quay', text: 'The quay' }]);
    expect(article.embeds).toEqual(['youtube']);
    expect(article.images).toEqual(['./images/quay.jpg']);
    expect(article.files).toEqual([]);
  });

  it('reads the files its recordings, videos and downloads link from props.mediaFiles, and records them', async () => {
    const article = await compileFile(
      `${frontmatter}\n<Audio src="./talk.mp3" captions="./talk.vtt" title="The talk" />\n\n<Download src="./talk.mp3" name="The talk" />\n`,
    );
    expect(article.code).not.toMatch(/^\s*import\s/m);
    expect(article.code).not.toContain('?url');
    expect(article.code).toMatch(/props\.mediaFiles\["\.\/talk\.mp3"\]/);
    expect(article.code).toMatch(/props\.mediaFiles\["\.\/talk\.vtt"\]/);
    expect(article.files).toEqual(['./talk.mp3', './talk.vtt']);
    expect(article.images).toEqual([]);
  });

  it('draws a Markdown picture with <Image> from props.mediaImages, as @astrojs/mdx does, and records it', async () => {
    const article = await compileFile(`${frontmatter}\nText.\n\n![The quay at dawn](./images/quay.jpg)\n`);
    expect(article.code).not.toMatch(/^\s*import\s/m);
    expect(article.code).toContain('"astro-image"');
    expect(article.code).toMatch(/props\.mediaImages\["\.\/images\/quay\.jpg"\]/);
    expect(article.code).toContain('"The quay at dawn"');
    expect(article.images).toEqual(['./images/quay.jpg']);
  });

  it('compiles the seed article', async () => {
    const seed = await readFile(
      path.join(projectRoot, 'content', 'articles', 'russia-reaffirms-deepening-ties-with-myanmar.mdx'),
      'utf8',
    );
    const article = await compileFile(seed, 'seed.mdx');
    expect(article.code).toContain('PullQuote');
    expect(article.embeds).toEqual([]);
  });

  it.each([
    [
      'an MDX syntax error, at its line and column in the file',
      `${frontmatter}\nText.\n\n  Broken {1 +} here.\n`,
      /broken\.mdx:10:14: Could not parse expression/,
    ],
    [
      'an unknown component',
      `${frontmatter}\nText.\n\n<Chart data="x" />\n`,
      /broken\.mdx:10:1: <Chart> is not a component articles can use \(only <PullQuote>/,
    ],
    [
      'an import',
      `${frontmatter}\nimport X from './x.js'\n\nText.\n`,
      /broken\.mdx:8:1: an article cannot import or export code/,
    ],
    [
      'a figure without alt text',
      `${frontmatter}\nText.\n\n<Figure src="./images/quay.jpg" />\n`,
      /broken\.mdx:10: <Figure> needs an alt text/,
    ],
    [
      'a missing image',
      `${frontmatter}\n<Figure src="./images/gone.jpg" alt="Gone" />\n`,
      /broken\.mdx:8: <Figure> src="\.\/images\/gone\.jpg": no such file/,
    ],
  ])('%s stops the compile naming the file and the place', async (_case, text, message) => {
    await expect(compileFile(text, 'broken.mdx')).rejects.toThrow(message);
  });
});
