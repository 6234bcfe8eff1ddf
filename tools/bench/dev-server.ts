/**
 * `npm run bench -- --dev`: how quickly `astro dev` serves a synthetic archive and shows an edit.
 * For one archive: a fresh copy of a checkout's sources (this one, or `--project DIR`, such as a
 * worktree of an older commit) runs `astro dev` on loopback with a fresh cache, and the timings are
 * taken over HTTP, the way an editor sees them: ready, front page, the first request of one
 * article, a sentence appended to that article until the page shows it, a new article until its
 * page is served; then the server is stopped and started again on the same copy and cache (warm).
 * Files are written whole (renamed into place), so the watcher never reads one half written.
 * Peak RSS is the server's process tree, polled from /proc.
 */
import { spawn, execFile, type ChildProcess } from 'node:child_process';
import { createWriteStream, type WriteStream } from 'node:fs';
import { cp, mkdir, readFile, readdir, symlink } from 'node:fs/promises';
import path from 'node:path';
import { promisify, stripVTControlCharacters } from 'node:util';
import { parseFrontmatter } from '@astrojs/markdown-remark';
import { setTimeout as delay } from 'node:timers/promises';
import { createPaths } from '../../src/utils/path-builder.ts';
import { freePort } from '../../src/utils/ports.ts';
import { writeAtomically } from '../../src/utils/write-atomically.ts';
import { treeHighWater } from './measure.ts';
import type { DevResult } from './report.ts';

/** What a project copy needs of a checkout besides node_modules (the builds' copy takes the same). */
export const projectSources = [
  'package.json',
  'package-lock.json',
  'astro.config.mjs',
  'tsconfig.json',
  'src',
  'public',
];

export interface PollOptions {
  /** What is awaited, for the messages ("the front page at http://…"). */
  what: string;
  timeoutMs: number;
  intervalMs?: number;
  /** Why waiting on is pointless (the server exited), or undefined to go on. */
  abandoned?: () => string | undefined;
  /** Said after the timeout message: the last answer seen, for example. */
  detail?: () => string;
}

/**
 * Calls `check` until it gives a value (not undefined) and returns that value; between calls waits
 * `intervalMs`. Throws, naming `what`, when `timeoutMs` have passed or `abandoned` gives a reason.
 * `check` gets the milliseconds left, to bound a request it makes.
 */
export async function pollUntil<T>(
  check: (remainingMs: number) => Promise<T | undefined>,
  options: PollOptions,
): Promise<T> {
  const deadline = performance.now() + options.timeoutMs;
  for (;;) {
    const reason = options.abandoned?.();
    if (reason) throw new Error(`Gave up waiting for ${options.what}: ${reason}`);
    const remaining = deadline - performance.now();
    if (remaining <= 0) {
      const detail = options.detail?.();
      throw new Error(
        `Timed out after ${(options.timeoutMs / 1000).toFixed(0)} s waiting for ${options.what}${detail ? ` (${detail})` : ''}`,
      );
    }
    const result = await check(remaining);
    if (result !== undefined) return result;
    await delay(Math.max(0, Math.min(options.intervalMs ?? 250, deadline - performance.now())));
  }
}

/** The address Astro's dev server prints as "Local" once it is ready (colours removed), or undefined before. */
export function devServerAddress(output: string): string | undefined {
  return /^\W*Local\s+(https?:\/\/\S+)/m.exec(stripVTControlCharacters(output))?.[1];
}

/** The headline of an article file: its frontmatter's `title`. */
export function articleHeadline(source: string, file: string): string {
  const title: unknown = parseFrontmatter(source).frontmatter.title;
  if (typeof title !== 'string' || !title) throw new Error(`${file}: no title in the frontmatter`);
  return title;
}

/** The article with `sentence` as a paragraph of its own at the end of the file. */
export function withSentenceAppended(source: string, sentence: string): string {
  return `${source.trimEnd()}\n\n${sentence}\n`;
}

export interface DevServerOptions {
  articles: number;
  /** The checkout whose `astro dev` runs: its sources are copied into `workDir`, its node_modules linked. */
  projectDir: string;
  /** A folder of this run's own, for the project copy and its caches. */
  workDir: string;
  contentDir: string;
  /** An article of the archive, whose page is requested and then edited. */
  articleFile: string;
  /** Writes one new article into the archive and returns its file. */
  addArticle: () => Promise<string>;
  /** Where each start's whole output goes (`<articles>-dev-<start>.log`). */
  logDir: string;
  onProgress?: (message: string) => void;
}

/** How long any one wait may take before the run is called failed: generous, since dev at 10,000 articles is slow. */
const waitTimeoutMs = (articles: number) => 300_000 + articles * 60;

/**
 * A copy of a checkout to run `astro dev` in. node_modules is a folder of links to the checkout's
 * packages rather than one link, so that Vite's dependency cache (<root>/node_modules/.vite/)
 * starts empty and stays this copy's own; Astro's dev data store is in <root>/.astro/.
 */
async function devProjectCopy(projectDir: string, root: string): Promise<void> {
  for (const entry of projectSources)
    await cp(path.join(projectDir, entry), path.join(root, entry), { recursive: true });
  const modules = path.join(projectDir, 'node_modules');
  await mkdir(path.join(root, 'node_modules'));
  for (const entry of await readdir(modules)) {
    if (entry === '.vite' || entry === '.astro') continue;
    await symlink(path.join(modules, entry), path.join(root, 'node_modules', entry));
  }
}

/** The checkout's commit (short), with `+changes` when its files differ from it; the folder's name when it is no git checkout. */
async function projectLabel(projectDir: string): Promise<string> {
  const git = (...args: string[]) =>
    promisify(execFile)('git', ['-C', projectDir, ...args]).then((r) => r.stdout.trim());
  try {
    const [commit, status] = await Promise.all([git('rev-parse', '--short', 'HEAD'), git('status', '--porcelain')]);
    return status ? `${commit}+changes` : commit;
  } catch {
    return path.basename(projectDir);
  }
}

/** A running `astro dev`: its output so far, when it said it was ready, its address, its peak RSS. */
class DevServer {
  readonly started = performance.now();
  output = '';
  readyAt: number | undefined;
  exit: string | undefined;
  peakKb = 0;
  private readonly child: ChildProcess;
  private readonly log: WriteStream;
  private readonly poll: NodeJS.Timeout;

  constructor(root: string, projectDir: string, port: number, env: Record<string, string>, logFile: string) {
    const astroBin = path.join(projectDir, 'node_modules', 'astro', 'bin', 'astro.mjs');
    this.log = createWriteStream(logFile);
    // A process group of its own (detached), so that stopping it stops whatever it started.
    this.child = spawn(process.execPath, [astroBin, 'dev', '--host', '127.0.0.1', '--port', String(port)], {
      cwd: root,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ASTRO_TELEMETRY_DISABLED: '1', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
      detached: true,
    });
    const keep = (chunk: Buffer) => {
      this.log.write(chunk);
      this.output = (this.output + chunk.toString()).slice(-20_000);
      if (this.readyAt === undefined && /\bready in \d+/.test(this.output)) this.readyAt = performance.now();
    };
    this.child.stdout!.on('data', keep);
    this.child.stderr!.on('data', keep);
    this.child.on('exit', (code, signal) => (this.exit = `astro dev exited (${signal ?? `code ${code}`})`));
    this.poll = setInterval(async () => {
      const kb = this.child.pid ? await treeHighWater(this.child.pid) : undefined;
      if (kb) this.peakKb = Math.max(this.peakKb, kb);
    }, 200);
  }

  secondsSinceStart(at = performance.now()): number {
    return (at - this.started) / 1000;
  }

  /** The server's last lines, for an error message. */
  tail(lines = 12): string {
    return stripVTControlCharacters(this.output).trim().split('\n').slice(-lines).join('\n');
  }

  async stop(): Promise<void> {
    clearInterval(this.poll);
    if (this.exit === undefined && this.child.pid) {
      const exited = new Promise((resolve) => this.child.once('exit', resolve));
      const signalGroup = (signal: NodeJS.Signals) => {
        try {
          process.kill(-this.child.pid!, signal);
        } catch {
          // The group is gone already.
        }
      };
      signalGroup('SIGTERM');
      const timer = setTimeout(() => signalGroup('SIGKILL'), 15_000);
      await exited;
      clearTimeout(timer);
    }
    await new Promise((resolve) => this.log.end(resolve));
  }
}

/** Fetches a page; undefined while the server does not answer (or the time is up). */
async function fetchPage(url: string, remainingMs: number): Promise<{ status: number; text: string } | undefined> {
  try {
    const response = await fetch(url, { signal: AbortSignal.timeout(Math.max(1, Math.ceil(remainingMs))) });
    return { status: response.status, text: await response.text() };
  } catch (error) {
    // Refused or reset ("fetch failed"), or out of time: not answering yet. Anything else is a mistake here.
    if (error instanceof TypeError || (error instanceof Error && error.name === 'TimeoutError')) return undefined;
    throw error;
  }
}

/** Waits until `url` answers 200 with a page that contains `text`. */
async function waitForPage(
  server: DevServer,
  url: string,
  text: string,
  what: string,
  timeoutMs: number,
): Promise<void> {
  let last = 'no answer yet';
  await pollUntil(
    async (remaining) => {
      const page = await fetchPage(url, remaining);
      if (page) last = `last answer ${page.status}, ${page.text.length} characters`;
      return page?.status === 200 && page.text.includes(text) ? true : undefined;
    },
    {
      what: `${what} (${url})`,
      timeoutMs,
      abandoned: () => server.exit,
      detail: () => `${last}; the server said:\n${server.tail()}`,
    },
  );
}

const fixed = (seconds: number | undefined) => seconds?.toFixed(1) ?? '?';

const articlePath = (file: string) =>
  createPaths('/', 'http://localhost').page('articles', path.basename(file, '.mdx'));

/** Where both starts run: the project copy, its label, and one port for both. */
interface DevSite {
  root: string;
  project: string;
  /**
   * The same for both starts: Astro clears the dev content store when its config changed, and
   * the server's port is part of the config it compares.
   */
  port: number;
}

/** One start of the dev server; the cold start also edits an article and adds one. */
async function devStart(options: DevServerOptions, site: DevSite, start: DevResult['start']): Promise<DevResult> {
  const { root, project } = site;
  const { articles, articleFile } = options;
  const timeoutMs = waitTimeoutMs(articles);
  const env = {
    CONTENT_DIR: options.contentDir,
    ASTRO_CACHE_DIR: path.join(root, '.cache'),
    COMMENTS_PROVIDER: 'none',
  };
  const server = new DevServer(
    root,
    options.projectDir,
    site.port,
    env,
    path.join(options.logDir, `${articles}-dev-${start}.log`),
  );
  const result: DevResult = { articles, project, start, ok: false };
  const timed = async (
    key: 'articleSeconds' | 'editSeconds' | 'addSeconds',
    label: string,
    step: () => Promise<void>,
  ) => {
    const started = performance.now();
    await step();
    const seconds = (performance.now() - started) / 1000;
    result[key] = seconds;
    options.onProgress?.(`${label} ${seconds.toFixed(1)} s`);
  };
  try {
    const origin = await pollUntil(async () => devServerAddress(server.output), {
      what: 'astro dev to print its address',
      timeoutMs,
      abandoned: () => server.exit && `${server.exit}:\n${server.tail()}`,
    });
    if (server.readyAt !== undefined) result.readySeconds = server.secondsSinceStart(server.readyAt);
    await waitForPage(server, origin, '<html', 'the front page', timeoutMs);
    result.frontPageSeconds = server.secondsSinceStart();
    options.onProgress?.(`ready ${fixed(result.readySeconds)} s, front page ${fixed(result.frontPageSeconds)} s`);
    const articleUrl = (file: string) => new URL(articlePath(file), origin).href;
    const articleServed = async (file: string, what: string, waitMs = timeoutMs) => {
      const headline = articleHeadline(await readFile(file, 'utf8'), file);
      await waitForPage(server, articleUrl(file), headline, what, waitMs);
    };
    await timed('articleSeconds', 'first article', () => articleServed(articleFile, 'the article'));
    if (start === 'cold') {
      // An edit or a new story not shown within two minutes is not shown without a restart.
      const changeTimeoutMs = Math.min(timeoutMs, 120_000);
      const sentence = `The dev server benchmark added this sentence at ${Date.now().toString(36)}.`;
      await writeAtomically(articleFile, withSentenceAppended(await readFile(articleFile, 'utf8'), sentence));
      await timed('editSeconds', 'edit shown', () =>
        waitForPage(server, articleUrl(articleFile), sentence, 'the edit', changeTimeoutMs),
      );
      const added = await options.addArticle();
      await timed('addSeconds', 'new article shown', () => articleServed(added, 'the new article', changeTimeoutMs));
    }
    result.ok = true;
    if (/Clearing content store/.test(server.output))
      result.note = 'Astro cleared its content store (its config changed)';
  } catch (error) {
    result.error = error instanceof Error ? error.message : String(error);
  } finally {
    await server.stop();
    if (server.peakKb) result.peakRssMb = server.peakKb / 1024;
  }
  return result;
}

/** Runs `astro dev` on the archive twice (cold, then warm on the same copy and cache); the warm start only when the cold one served its front page. */
export async function measureDevServer(options: DevServerOptions): Promise<DevResult[]> {
  const root = path.join(options.workDir, 'dev-site');
  await devProjectCopy(options.projectDir, root);
  await mkdir(options.logDir, { recursive: true });
  const site = { root, project: await projectLabel(options.projectDir), port: await freePort() };
  const cold = await devStart(options, site, 'cold');
  // Warm too when only a later step failed (a new article never shown, say): its start is still worth timing.
  if (cold.frontPageSeconds === undefined) return [cold];
  const warm = await devStart(options, site, 'warm');
  return [cold, warm];
}
