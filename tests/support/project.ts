import { spawn } from 'node:child_process';
import { createHash } from 'node:crypto';
import { cp, mkdir, mkdtemp, rm, symlink } from 'node:fs/promises';
import os from 'node:os';
import { fileURLToPath } from 'node:url';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';

export const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
export const astroBin = path.join(projectRoot, 'node_modules', 'astro', 'bin', 'astro.mjs');

/** Scratch space for builds; one per checkout so that two checkouts can run their tests at once. */
export const testRoot = path.join(
  os.tmpdir(),
  `static-news-tests-${createHash('sha256').update(projectRoot).digest('hex').slice(0, 8)}`,
);

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
  /** stdout and stderr together, colours removed. */
  output: string;
}

/**
 * The environment without what Vitest puts there for itself: it mirrors import.meta.env
 * into process.env (NODE_ENV=test, DEV, BASE_URL, ...), and Astro would read those back.
 */
const vitestOwnVariables = new Set([
  'NODE_ENV',
  'TEST',
  'MODE',
  'DEV',
  'PROD',
  'SSR',
  'BASE_URL',
  'SITE',
  'ASSETS_PREFIX',
]);
export function inheritedEnv(): NodeJS.ProcessEnv {
  return Object.fromEntries(
    Object.entries(process.env).filter(([key]) => !vitestOwnVariables.has(key) && !key.startsWith('VITEST')),
  );
}

/** Runs a command (in the project root unless `cwd` says otherwise) and collects its output; never throws on a non-zero exit. */
export function run(
  command: string,
  args: string[],
  env: Record<string, string | undefined> = {},
  cwd = projectRoot,
): Promise<RunResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      cwd,
      env: { ...inheritedEnv(), NO_COLOR: '1', FORCE_COLOR: '0', ...env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    child.stdout.on('data', (chunk) => (stdout += chunk));
    child.stderr.on('data', (chunk) => (stderr += chunk));
    child.on('error', reject);
    child.on('close', (code) => {
      const output = stripVTControlCharacters(`${stdout}\n${stderr}`);
      resolve({ code, stdout, stderr, output });
    });
  });
}

/**
 * A copy of the project's sources in a folder of its own (node_modules linked). Astro keeps a
 * build's scratch files in <root>/.astro/ whatever the cache and output folders, so builds of
 * different content that run at the same time must not share a root. Astro's cache records paths
 * relative to the root, so builds that share a cache folder (`key`) get the same root each time.
 */
export async function projectCopy(key?: string): Promise<string> {
  await mkdir(testRoot, { recursive: true });
  const sources = ['package.json', 'package-lock.json', 'astro.config.mjs', 'tsconfig.json', 'src', 'public'];
  let root: string;
  if (key) {
    // The same root again: fresh sources, but Astro's own state in <root>/.astro/ is kept for the next build.
    root = path.join(testRoot, `project-${createHash('sha256').update(key).digest('hex').slice(0, 12)}`);
    await mkdir(root, { recursive: true });
    await Promise.all(sources.map((entry) => rm(path.join(root, entry), { recursive: true, force: true })));
  } else {
    root = await mkdtemp(path.join(testRoot, 'project-'));
  }
  for (const entry of sources) {
    await cp(path.join(projectRoot, entry), path.join(root, entry), { recursive: true });
  }
  await symlink(path.join(projectRoot, 'node_modules'), path.join(root, 'node_modules'), 'dir').catch(
    (error: NodeJS.ErrnoException) => {
      if (error.code !== 'EEXIST') throw error;
    },
  );
  return root;
}

/**
 * Runs the Astro CLI with the project's Node, in a copy of the project (see projectCopy) with its own
 * cache, reading the real content/ unless CONTENT_DIR says otherwise. `astro check` runs on the project itself.
 */
export async function astro(args: string[], env: Record<string, string | undefined> = {}): Promise<RunResult> {
  if (args[0] === 'check') return run(process.execPath, [astroBin, ...args], env);
  const root = await projectCopy(env.ASTRO_CACHE_DIR);
  return run(
    process.execPath,
    [astroBin, ...args],
    {
      CONTENT_DIR: path.join(projectRoot, 'content'),
      ASTRO_CACHE_DIR: path.join(root, '.cache'),
      ...env,
    },
    root,
  );
}
