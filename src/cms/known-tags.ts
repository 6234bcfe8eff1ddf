/**
 * The topics the articles use, offered as a hint in the admin's tag field. Each article's tags
 * are kept in `<cacheDir>/cms-known-tags.json` with the file's size and modification time, so a
 * build reads only the articles that changed: at 10,000 articles, reading and parsing every
 * frontmatter again took about ten seconds of each publish.
 */
import { readdir, readFile, stat } from 'node:fs/promises';
import path from 'node:path';
import pLimit from 'p-limit';
import { parse } from 'yaml';
import { writeAtomically } from '../utils/write-atomically.ts';

/** What is kept per article file: its size, its mtime in ms, and its tags. */
type TagRecord = [size: number, modified: number, tags: string[]];

interface TagCache {
  version: 1;
  files: Record<string, TagRecord>;
}

const READ_CONCURRENCY = 16;

/** An article's frontmatter, or undefined when it has none or it is not YAML (the build reports that, not the admin). */
function frontmatterOf(text: string): { tags?: unknown } | undefined {
  const yaml = /^---\r?\n([\s\S]*?)\r?\n---/.exec(text)?.[1];
  try {
    return yaml ? (parse(yaml) as { tags?: unknown }) : undefined;
  } catch {
    return undefined;
  }
}

function tagsOf(text: string): string[] {
  const tags = frontmatterOf(text)?.tags;
  return Array.isArray(tags) ? tags.filter((tag): tag is string => typeof tag === 'string') : [];
}

async function readCache(file: string | undefined): Promise<Record<string, TagRecord>> {
  if (!file) return {};
  const stored = await readFile(file, 'utf8')
    .then((text) => JSON.parse(text) as Partial<TagCache>)
    .catch(() => undefined);
  return stored?.version === 1 && stored.files ? stored.files : {};
}

/** Every tag the articles use, sorted; with `cacheFile`, unchanged articles are not read again. */
export async function knownTags(articlesDir: string, cacheFile?: string): Promise<string[]> {
  const names = (await readdir(articlesDir).catch(() => [] as string[])).filter((file) => file.endsWith('.mdx')).sort();
  const previous = await readCache(cacheFile);
  const limit = pLimit(READ_CONCURRENCY);
  const records = await Promise.all(
    names.map((name) =>
      limit(async (): Promise<[string, TagRecord] | undefined> => {
        const file = path.join(articlesDir, name);
        // An article deleted while this runs (the dev server's admin) is simply not offered.
        const found = await stat(file).catch(() => undefined);
        if (!found) return undefined;
        const kept = previous[name];
        if (kept && kept[0] === found.size && kept[1] === found.mtimeMs) return [name, kept];
        const text = await readFile(file, 'utf8').catch(() => '');
        return [name, [found.size, found.mtimeMs, tagsOf(text)]];
      }),
    ),
  ).then((all) => all.filter((record) => record !== undefined));
  if (cacheFile)
    await writeAtomically(
      cacheFile,
      JSON.stringify({ version: 1, files: Object.fromEntries(records) } satisfies TagCache),
    );
  const tags = new Set(records.flatMap(([, [, , fileTags]]) => fileTags));
  return [...tags].sort((a, b) => a.localeCompare(b));
}
