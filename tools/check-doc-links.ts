/**
 * node --experimental-strip-types tools/check-doc-links.ts
 *
 * Checks every relative link in README.md and docs/*.md: the file must exist and a
 * `#fragment` must name a heading in it (GitHub's heading ids). External links are not
 * fetched. Prints each broken link and exits with 1 if there is any.
 */
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));

/** The Markdown files whose links are checked, relative to the project root. */
function markdownFiles(): string[] {
  const docs = existsSync(path.join(root, 'docs'))
    ? readdirSync(path.join(root, 'docs'))
        .filter((name) => name.endsWith('.md'))
        .map((name) => `docs/${name}`)
    : [];
  return ['README.md', ...docs.sort()];
}

const fencedBlock = /^(```|~~~)[^\n]*\n[\s\S]*?^\1[^\n]*$/gm;

/** The text with fenced code blocks and inline code blanked (brackets there are not links); lines stay where they were. */
function withoutCode(text: string): string {
  return text.replace(fencedBlock, (block) => block.replace(/[^\n]/g, '')).replace(/`[^`\n]*`/g, '');
}

/** GitHub's id for a heading: lower case, punctuation dropped, spaces as hyphens; repeats get -1, -2… */
export function headingIds(markdown: string): Set<string> {
  const ids = new Set<string>();
  const counts = new Map<string, number>();
  for (const match of markdown.replace(fencedBlock, '').matchAll(/^#{1,6}[ \t]+(.+?)[ \t#]*$/gm)) {
    const text = (match[1] ?? '')
      .replace(/!?\[([^\]]*)\]\([^)]*\)/g, '$1')
      .replace(/<[^>]+>/g, '')
      .replace(/[`*~]/g, '');
    const slug = text
      .toLowerCase()
      .replace(/[^\p{L}\p{N}\p{M} _-]/gu, '')
      .replace(/ /g, '-');
    const seen = counts.get(slug) ?? 0;
    counts.set(slug, seen + 1);
    ids.add(seen === 0 ? slug : `${slug}-${seen}`);
  }
  return ids;
}

interface Broken {
  file: string;
  line: number;
  target: string;
  reason: string;
}

export function checkLinks(files: readonly string[]): { links: number; broken: Broken[] } {
  const broken: Broken[] = [];
  let links = 0;
  for (const file of files) {
    const source = readFileSync(path.join(root, file), 'utf8');
    const text = withoutCode(source);
    for (const match of text.matchAll(/\]\(([^)\s]+)(?:\s+"[^"]*")?\)/g)) {
      const target = match[1] ?? '';
      if (/^[a-z][a-z0-9+.-]*:/i.test(target)) continue; // https:, mailto: …
      links++;
      const line = text.slice(0, match.index).split('\n').length;
      const [pathPart = '', fragment] = target.split('#', 2);
      const resolved =
        pathPart === ''
          ? path.join(root, file)
          : path.resolve(path.dirname(path.join(root, file)), decodeURI(pathPart));
      if (path.relative(root, resolved).startsWith('..')) {
        broken.push({ file, line, target, reason: 'points outside the project' });
        continue;
      }
      if (!existsSync(resolved)) {
        broken.push({ file, line, target, reason: 'no such file' });
        continue;
      }
      if (fragment === undefined || statSync(resolved).isDirectory()) continue;
      if (!resolved.endsWith('.md')) {
        broken.push({ file, line, target, reason: 'a #fragment on a file that is not Markdown' });
        continue;
      }
      if (!headingIds(readFileSync(resolved, 'utf8')).has(decodeURIComponent(fragment))) {
        broken.push({ file, line, target, reason: `no heading with the id "${fragment}"` });
      }
    }
  }
  return { links, broken };
}

if (import.meta.main) {
  const files = markdownFiles();
  const { links, broken } = checkLinks(files);
  for (const { file, line, target, reason } of broken) console.error(`${file}:${line}: ${target}: ${reason}`);
  console.log(`${links} relative links in ${files.length} files, ${broken.length} broken`);
  process.exit(broken.length > 0 ? 1 : 0);
}
