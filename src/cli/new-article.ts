/**
 * npm run new -- "Headline" [--author id] [--tags "A, B"] [--section Name]
 * Creates content/articles/<slug>.mdx as a draft with valid frontmatter.
 */
import { existsSync } from 'node:fs';
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { newArticleFile } from '../articles/new-article.ts';
import { buildSettings } from '../build-settings.ts';

const { values, positionals } = parseArgs({
  allowPositionals: true,
  options: {
    author: { type: 'string' },
    tags: { type: 'string' },
    section: { type: 'string' },
  },
});

const contentDir = path.resolve(buildSettings.contentDir);

async function defaultAuthor(): Promise<string> {
  const files = (await readdir(path.join(contentDir, 'authors'))).filter((f) => /\.(ya?ml|json)$/.test(f)).sort();
  const first = files[0];
  if (!first) throw new Error('No author in content/authors/: add one (name and bio) first, or pass --author.');
  return first.replace(/\.(ya?ml|json)$/, '');
}

try {
  const author = values.author ?? (await defaultAuthor());
  const { fileName, contents } = newArticleFile({
    headline: positionals.join(' '),
    author,
    tags: (values.tags ?? 'News')
      .split(',')
      .map((tag) => tag.trim())
      .filter(Boolean),
    section: values.section,
    date: new Date(),
  });
  const file = path.join(contentDir, 'articles', fileName);
  if (existsSync(file))
    throw new Error(`${path.relative(process.cwd(), file)} already exists; choose another headline.`);
  await writeFile(file, contents, { flag: 'wx' });
  console.log(`Created ${path.relative(process.cwd(), file)} (a draft). Preview it with: npm run dev`);
} catch (error) {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
}
