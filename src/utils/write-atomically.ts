/**
 * Writes a file whole or not at all: a file watcher (the dev server's, or a reader at the same
 * time) never sees it empty or half written.
 */
import { randomUUID } from 'node:crypto';
import { mkdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';

export async function writeAtomically(file: string, text: string): Promise<void> {
  await mkdir(path.dirname(file), { recursive: true });
  // A name of its own per write: the dev server's watcher can report one save twice (add, change) at once.
  const partial = `${file}.${process.pid}.${randomUUID()}.partial`;
  await writeFile(partial, text);
  await rename(partial, file);
}
