import { spawn } from 'node:child_process';
import { cp, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { freePort } from '../../../src/utils/ports.ts';
import { astro, astroBin, inheritedEnv, projectCopy, projectRoot, run } from '../../support/project.ts';
import { testRoot } from '../../support/site-build.ts';

// Each test builds or serves the site several times: slow on a loaded machine, hence the long timeouts.

/**
 * The article loader (src/article-content/) compiles each article when content is synced: a
 * mistake in an article's MDX stops `astro sync` (and so the build) naming the file, line and
 * column in the file, and `astro dev` picks up a new or edited article without a restart, with the
 * files its recordings link.
 */

const frontmatter = (title: string) =>
  `---\ntitle: ${title}\ndescription: ${title}, in brief.\nauthor: ahmed-adel\ndate: 2022-08-08T09:00:00Z\ntags: [Russia]\n---\n`;

/** A content folder with the real authors and the real articles, plus `extra` articles by file name. */
async function contentWith(extra: Record<string, string>): Promise<string> {
  await mkdir(testRoot, { recursive: true });
  const dir = await mkdtemp(path.join(testRoot, 'loader-content-'));
  await cp(path.join(projectRoot, 'content'), dir, { recursive: true });
  for (const [name, text] of Object.entries(extra)) await writeFile(path.join(dir, 'articles', name), text);
  return dir;
}

describe('a mistake in an article body stops the content sync, naming the file and the place', () => {
  it.each([
    ['an MDX syntax error', 'syntax-error.mdx', `${frontmatter('Broken')}\nFirst paragraph.\n\nSecond {1 +} paragraph.\n`, /syntax-error\.mdx:11:12: Could not parse expression/],
    ['an unknown component', 'unknown-component.mdx', `${frontmatter('Unknown')}\nText.\n\n<Chart data="x" />\n`, /unknown-component\.mdx:11:1: <Chart> is not a component articles can use/],
  ])('%s', async (_case, name, text, message) => {
    const contentDir = await contentWith({ [name]: text });
    const result = await astro(['sync'], {
      CONTENT_DIR: contentDir,
      ASTRO_CACHE_DIR: path.join(testRoot, `cache-${path.basename(contentDir)}`),
    });
    expect(result.code).not.toBe(0);
    expect(result.output).toMatch(message);
  }, 600_000);
});

describe('astro dev', () => {
  const stops: (() => void)[] = [];
  afterAll(() => stops.forEach((stop) => stop()));

  /** Fetches a page until `accept` says yes; returns its text. */
  async function waitForPage(url: string, accept: (status: number, text: string) => boolean, output: () => string) {
    const deadline = Date.now() + 300_000;
    for (;;) {
      const response = await fetch(url).catch(() => undefined);
      const text = response ? await response.text() : '';
      if (response && accept(response.status, text)) return text;
      if (Date.now() > deadline) throw new Error(`${url} never became what the test waits for:\n${output()}`);
      await new Promise((resolve) => setTimeout(resolve, 500));
    }
  }

  it('shows a new article and an edit without a restart', async () => {
    const contentDir = await contentWith({});
    const root = await projectCopy();
    const port = await freePort();
    const child = spawn(process.execPath, [astroBin, 'dev', '--port', String(port), '--host', '127.0.0.1'], {
      cwd: root,
      env: {
        ...inheritedEnv(),
        NO_COLOR: '1',
        CONTENT_DIR: contentDir,
        ASTRO_CACHE_DIR: path.join(root, '.cache'),
        COMMENTS_PROVIDER: 'none',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (chunk) => (output += chunk));
    child.stderr.on('data', (chunk) => (output += chunk));
    stops.push(() => child.kill('SIGTERM'));
    const origin = `http://127.0.0.1:${port}`;
    const seed = await waitForPage(`${origin}/articles/russia-reaffirms-deepening-ties-with-myanmar/`, (status) => status === 200, () => output);
    expect(seed).toContain('Myanmar');

    const file = path.join(contentDir, 'articles', 'harbour-reopens.mdx');
    await writeFile(file, `${frontmatter('The harbour reopens')}\nThe harbour reopened to ships on Tuesday.\n\n<PullQuote>Ships are back.</PullQuote>\n`);
    const added = await waitForPage(`${origin}/articles/harbour-reopens/`, (status) => status === 200, () => output);
    expect(added).toContain('The harbour reopened to ships on Tuesday.');
    expect(added).toContain('Ships are back.');

    await writeFile(file, (await readFile(file, 'utf8')).replace('on Tuesday', 'on Wednesday morning'));
    await waitForPage(`${origin}/articles/harbour-reopens/`, (_status, text) => text.includes('on Wednesday morning'), () => output);

    // A recording next to the article: its URL comes from the dev server, which serves the file.
    const recording = Buffer.from('ID3 not really a recording, but these bytes come back');
    await writeFile(path.join(contentDir, 'articles', 'horn.mp3'), recording);
    await writeFile(file, `${await readFile(file, 'utf8')}
<Audio src="./horn.mp3" caption="The harbour's horn" />
`);
    const withAudio = await waitForPage(`${origin}/articles/harbour-reopens/`, (_status, text) => text.includes('<audio'), () => output);
    const audioSrc = /<audio[^>]*\ssrc="([^"]+)"/.exec(withAudio)?.[1];
    expect(audioSrc).toMatch(/horn\.mp3/);
    const served = await fetch(new URL(audioSrc!, origin));
    expect(served.status).toBe(200);
    expect(Buffer.from(await served.arrayBuffer()).equals(recording)).toBe(true);
  }, 600_000);
});

describe('a change to the Markdown pipeline or to a component', () => {
  /** Builds in a copy of the project changed by `patch`, with the same cache and output folders each time. */
  async function buildWith(contentDir: string, patch: (root: string) => Promise<void> = async () => {}) {
    const cacheDir = path.join(testRoot, 'cache-loader-changes');
    const root = await projectCopy(cacheDir);
    await patch(root);
    const outDir = path.join(testRoot, 'site-loader-changes');
    const env = { CONTENT_DIR: contentDir, ASTRO_CACHE_DIR: cacheDir, OUT_DIR: outDir, COMMENTS_PROVIDER: 'none' };
    const result = await run(process.execPath, [astroBin, 'build'], env, root);
    if (result.code !== 0) throw new Error(`astro build failed:\n${result.output}`);
    const page = (id: string) => readFile(path.join(outDir, 'articles', id, 'index.html'), 'utf8');
    const compiled = /article-loader\] (\d+) compiled, (\d+) unchanged/.exec(result.output)?.slice(1).map(Number);
    return { page, compiled };
  }
  const replaceIn = async (file: string, from: string, to: string) => {
    const text = await readFile(file, 'utf8');
    if (!text.includes(from)) throw new Error(`${file} no longer contains ${from}: update this test`);
    await writeFile(file, text.replace(from, to));
  };
  const seed = 'russia-reaffirms-deepening-ties-with-myanmar';
  const table = `${frontmatter('A table')}\nSeats by party.\n\n| party | seats |\n| --- | --- |\n| A | 3 |\n`;

  it('compiles every article again, or renders every article page again', async () => {
    const contentDir = await contentWith({ 'a-table.mdx': table });
    await rm(path.join(testRoot, 'cache-loader-changes'), { recursive: true, force: true });
    const first = await buildWith(contentDir);
    expect(first.compiled).toEqual([2, 0]);
    expect(await first.page('a-table')).toContain('class="table-scroll"');

    const again = await buildWith(contentDir);
    expect(again.compiled).toEqual([0, 2]);

    // An emptied content store (as the dev server's after a config change) is refilled from the compiled code kept in the cache.
    const firstPage = await first.page('a-table');
    await rm(path.join(testRoot, 'cache-loader-changes', 'data-store.json'));
    const refilled = await buildWith(contentDir);
    expect(refilled.compiled).toEqual([0, 2]);
    expect(await refilled.page('a-table')).toBe(firstPage);

    const changePlugin = (root: string) =>
      replaceIn(
        path.join(root, 'src', 'markdown', 'rehype-table-scroll.ts'),
        "className: ['table-scroll']",
        "className: ['table-scroll', 'changed-plugin']",
      );
    const plugin = await buildWith(contentDir, changePlugin);
    expect(plugin.compiled).toEqual([2, 0]);
    expect(await plugin.page('a-table')).toContain('class="table-scroll changed-plugin"');

    // The same pipeline and a changed component: nothing to compile, and the pages show the component as it is now.
    const component = await buildWith(contentDir, async (root) => {
      await changePlugin(root);
      await replaceIn(
        path.join(root, 'src', 'components', 'PullQuote.astro'),
        '<div class="pull-quote"',
        '<div data-changed-component class="pull-quote"',
      );
    });
    expect(component.compiled).toEqual([0, 2]);
    expect(await component.page(seed)).toContain('data-changed-component');
  }, 600_000);
});
