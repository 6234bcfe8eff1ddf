import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';

/** JSON with functions written out as their source, so a plugin whose code changes changes the text. */
function withFunctionSource(_key: string, value: unknown): unknown {
  return typeof value === 'function' ? `function:${value.toString()}` : value;
}

/**
 * The digest of everything a transform's output depends on besides its input: the contents of
 * `files` (the lockfile for every tool's version, the config and local plugin sources) and the
 * options, with plugin functions as their source. A missing file counts as missing, not as an error.
 */
export async function pipelineDigest(files: string[], options: unknown): Promise<string> {
  const hash = createHash('sha256');
  for (const file of [...files].sort()) {
    hash.update(`file:${file}\0`);
    hash.update(await readFile(file).catch(() => Buffer.from('(missing)')));
    hash.update('\0');
  }
  hash.update(JSON.stringify(options, withFunctionSource) ?? '');
  return hash.digest('hex').slice(0, 24);
}
