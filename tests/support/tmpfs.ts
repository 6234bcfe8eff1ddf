/**
 * Small real file systems for the fault tests: a tmpfs that fills up. Mounting needs root, or
 * password-less sudo (as on GitHub's runners, whose user is not root); where neither is at hand the
 * tests that need one are skipped with the reason in their name, and under CI they fail instead.
 */
import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { testRoot } from './site-build.ts';

const isRoot = process.getuid?.() === 0;

function canSudo(): boolean {
  try {
    execFileSync('sudo', ['-n', 'true'], { stdio: 'ignore' });
    return true;
  } catch {
    return false;
  }
}

const viaSudo = process.platform === 'linux' && !isRoot && canSudo();

/** Why a small file system cannot be mounted here, or null when it can (Linux, as root or with sudo). */
export const tmpfsUnavailable =
  process.env.CI === 'true'
    ? null // CI must run them: a mount that fails there fails the test.
    : process.platform !== 'linux'
      ? 'needs Linux to mount a tmpfs'
      : isRoot || viaSudo
        ? null
        : 'needs root or password-less sudo to mount a tmpfs';

/** Runs mount or umount, through sudo when this user is not root. */
function privileged(command: string, args: string[]): void {
  if (viaSudo) execFileSync('sudo', ['-n', command, ...args]);
  else execFileSync(command, args);
}

export interface SmallDisk {
  dir: string;
  remount(options: 'ro' | 'rw'): void;
}

/** Runs `use` with a fresh tmpfs of `size` (such as "512k"), unmounted afterwards: a real disk that fills up. */
export async function withTmpfs(size: string, use: (disk: SmallDisk) => Promise<void>): Promise<void> {
  await mkdir(testRoot, { recursive: true });
  const dir = await mkdtemp(path.join(testRoot, 'tmpfs-'));
  // Owned by whoever runs the tests, so the service they start can write to it.
  const owner = `uid=${process.getuid?.() ?? 0},gid=${process.getgid?.() ?? 0}`;
  privileged('mount', ['-t', 'tmpfs', '-o', `size=${size},${owner}`, 'tmpfs', dir]);
  try {
    await use({ dir, remount: (options) => privileged('mount', ['-o', `remount,${options}`, dir]) });
  } finally {
    privileged('umount', ['-l', dir]);
    await rm(dir, { recursive: true, force: true });
  }
}
