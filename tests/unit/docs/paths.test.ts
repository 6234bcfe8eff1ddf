import { existsSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { projectRoot } from '../../support/project.ts';

// The documents that tell a newcomer where things are: every file, folder and npm script they name must exist.
const documents = ['docs/architecture.md', 'README.md', 'docs/testing.md'];
// content/ is left out: the paths there are examples of a newsroom's own files.
const pathPattern = /(?<![\w./-])((?:src|tools|tests|docs|\.ci|\.github)\/[\w./[\]-]*[\w\]/])/g;

/** The repository paths a document names: in its source-layout block and in `code`, without wildcards or placeholders. */
function namedPaths(text: string): string[] {
  const names = [...text.matchAll(pathPattern)].map((match) => match[1]!);
  // A Markdown link's closing bracket is not part of the name; a route's brackets ([...page].astro) are.
  return [...new Set(names.map((name) => (name.includes('[') ? name : name.replace(/\]$/, ''))))].filter(
    (name) => !/[*<>]/.test(name),
  );
}

describe.each(documents)('%s', (document) => {
  it('names only files and folders that exist', async () => {
    const text = await readFile(path.join(projectRoot, document), 'utf8');
    const names = namedPaths(text);
    expect(names.length).toBeGreaterThan(0);
    expect(names.filter((name) => !existsSync(path.join(projectRoot, name)))).toEqual([]);
  });

  it('names only npm scripts that exist', async () => {
    const text = await readFile(path.join(projectRoot, document), 'utf8');
    const { scripts } = JSON.parse(await readFile(path.join(projectRoot, 'package.json'), 'utf8')) as {
      scripts: Record<string, string>;
    };
    const named = [...text.matchAll(/npm run ([\w:-]+)/g)].map((match) => match[1]!);
    expect(named.filter((name) => !(name in scripts))).toEqual([]);
  });
});
