import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, rm } from 'node:fs/promises';
import path from 'node:path';
import { testRoot } from './site-build.ts';

/** Why a small file system cannot be mounted here, or null when it can (root on Linux). */
export const tmpfsUnavailable =
  process.platform !== 'linux'
    ? 'needs Linux to mount a tmpfs'
    : process.getuid?.() !== 0
      ? 'needs root to mount a tmpfs'
      : null;

export interface SmallDisk {
  dir: string;
  remount(options: 'ro' | 'rw'): void;
}

/** Runs `use` with a fresh tmpfs of `size` (such as "512k"), unmounted afterwards: a real disk that fills up. */
export async function withTmpfs(size: string, use: (disk: SmallDisk) => Promise<void>): Promise<void> {
  await mkdir(testRoot, { recursive: true });
  const dir = await mkdtemp(path.join(testRoot, 'tmpfs-'));
  execFileSync('mount', ['-t', 'tmpfs', '-o', `size=${size}`, 'tmpfs', dir]);
  try {
    await use({ dir, remount: (options) => execFileSync('mount', ['-o', `remount,${options}`, dir]) });
  } finally {
    execFileSync('umount', ['-l', dir]);
    await rm(dir, { recursive: true, force: true });
  }
}
