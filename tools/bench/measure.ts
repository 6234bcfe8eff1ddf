import { spawn } from 'node:child_process';
import { createWriteStream, existsSync } from 'node:fs';
import { readFile, readdir, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { stripVTControlCharacters } from 'node:util';

export interface Measured {
  code: number | null;
  seconds: number;
  /** Peak RSS in MB of the build process (GNU time's maximum resident set size, or /proc polling). */
  peakRssMb?: number;
  /** User + system CPU seconds (GNU time only): steadier than wall time on a shared machine. */
  cpuSeconds?: number;
  output: string;
}

const gnuTime = '/usr/bin/time';

/** VmHWM (peak RSS, kB) of a process and its descendants, summed; undefined once they are gone. */
export async function treeHighWater(pid: number): Promise<number | undefined> {
  try {
    const children = (await readFile(`/proc/${pid}/task/${pid}/children`, 'utf8'))
      .trim()
      .split(/\s+/)
      .filter(Boolean)
      .map(Number);
    const status = await readFile(`/proc/${pid}/status`, 'utf8');
    let kb = Number(/VmHWM:\s+(\d+)/.exec(status)?.[1] ?? 0);
    for (const child of children) kb += (await treeHighWater(child)) ?? 0;
    return kb;
  } catch {
    return undefined;
  }
}

/**
 * Runs a command in `cwd` and measures wall time and peak memory: with GNU time (`/usr/bin/time -f %M`)
 * when installed, else by polling /proc for the process tree's high-water mark.
 */
export async function measure(
  command: string,
  args: string[],
  cwd: string,
  env: Record<string, string>,
  /** Where the command's whole output goes (the build's phase timings), besides its tail in `output`. */
  logFile?: string,
): Promise<Measured> {
  const timeFile = path.join(os.tmpdir(), `bench-time-${process.pid}-${Date.now()}.txt`);
  const useTime = existsSync(gnuTime);
  const [bin, argv] = useTime ? [gnuTime, ['-f', '%M %U %S', '-o', timeFile, command, ...args]] : [command, args];
  const started = performance.now();
  const child = spawn(bin, argv, {
    cwd,
    env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const log = logFile ? createWriteStream(logFile) : undefined;
  const keep = (chunk: Buffer) => {
    log?.write(chunk);
    output = (output + chunk.toString()).slice(-20_000);
  };
  child.stdout.on('data', keep);
  child.stderr.on('data', keep);
  let polledKb = 0;
  const poll = useTime
    ? undefined
    : setInterval(async () => {
        const kb = child.pid ? await treeHighWater(child.pid) : undefined;
        if (kb) polledKb = Math.max(polledKb, kb);
      }, 200);
  const code = await new Promise<number | null>((resolve, reject) => {
    child.on('error', reject);
    child.on('close', resolve);
  });
  const seconds = (performance.now() - started) / 1000;
  if (poll) clearInterval(poll);
  if (log) await new Promise((resolve) => log.end(resolve));
  const { peakKb, cpuSeconds } = useTime
    ? await readGnuTime(timeFile)
    : { peakKb: polledKb || undefined, cpuSeconds: undefined };
  return {
    code,
    seconds,
    ...(peakKb ? { peakRssMb: peakKb / 1024 } : {}),
    ...(cpuSeconds !== undefined ? { cpuSeconds } : {}),
    output: stripVTControlCharacters(output),
  };
}

/** Peak memory (KB) and CPU seconds from the file GNU time wrote (`%M %U %S`); the file is removed. */
async function readGnuTime(timeFile: string): Promise<{ peakKb?: number; cpuSeconds?: number }> {
  const text = await readFile(timeFile, 'utf8').catch(() => '');
  await rm(timeFile, { force: true });
  const [kb, user, system] = (text.trim().split('\n').at(-1) ?? '').split(' ').map(Number);
  const cpu = (user ?? Number.NaN) + (system ?? Number.NaN);
  return { peakKb: kb && Number.isFinite(kb) ? kb : undefined, cpuSeconds: Number.isFinite(cpu) ? cpu : undefined };
}

/** Size of a folder: bytes, files, and HTML pages. */
export async function folderSize(dir: string): Promise<{ bytes: number; files: number; pages: number }> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true }).catch(() => []);
  let bytes = 0;
  let files = 0;
  let pages = 0;
  for (const entry of entries) {
    if (!entry.isFile()) continue;
    files += 1;
    if (entry.name.endsWith('.html')) pages += 1;
    bytes += (await stat(path.join(entry.parentPath, entry.name))).size;
  }
  return { bytes, files, pages };
}
