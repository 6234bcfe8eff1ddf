import { readdir, readFile } from 'node:fs/promises';
import path from 'node:path';
import type { Loader } from 'astro/loaders';
import { parse as parseYaml } from 'yaml';
import { normaliseComment, recordsOf, type RawComment } from './data-files.ts';
import type { ListResponse } from './protocol.ts';

export interface CommentsLoaderOptions {
  /** content/comments (data files; may be missing). */
  dataDir: string;
  /** Base URL of the comment service to read approved comments from, or null. */
  serviceUrl: string | null;
  timeoutMs: number;
  /** Build without the service's comments when it fails, instead of failing the build. */
  offlineOk?: boolean;
}

/** The service answered, but not with the comments: a deploy must not go out without them. */
class ServiceAnswerError extends Error {
  override name = 'ServiceAnswerError';
}

const loopbackHosts = new Set(['localhost', '127.0.0.1', '[::1]']);

/** Reads every approved comment from the service, a page at a time (never one request per article). */
async function fetchApprovedComments(serviceUrl: string, timeoutMs: number): Promise<RawComment[]> {
  const comments: RawComment[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < 10_000; page++) {
    const url = new URL(`${serviceUrl}/comments`);
    url.searchParams.set('limit', '1000');
    if (cursor) url.searchParams.set('cursor', cursor);
    const response = await fetch(url, {
      signal: AbortSignal.timeout(timeoutMs),
      headers: { Accept: 'application/json' },
    });
    if (!response.ok) throw new ServiceAnswerError(`GET ${url} answered ${response.status}`);
    const body = (await response.json().catch(() => null)) as ListResponse | null;
    if (!body || !Array.isArray(body.comments))
      throw new ServiceAnswerError(`GET ${url} did not answer with a list of comments`);
    comments.push(...body.comments);
    cursor = body.next ?? null;
    if (!cursor) break;
  }
  return comments;
}

async function readDataFiles(dataDir: string, warn: (message: string) => void): Promise<RawComment[]> {
  let files: string[];
  try {
    files = (await readdir(dataDir, { recursive: true })).filter((file) => /\.(ya?ml|json)$/i.test(file)).sort();
  } catch {
    return [];
  }
  const comments: RawComment[] = [];
  for (const file of files) {
    const full = path.join(dataDir, file);
    const parts = file.split(/[\\/]/);
    const articleFromPath = parts.length > 1 ? parts.slice(0, -1).join('/') : null;
    let parsed: unknown;
    try {
      const source = await readFile(full, 'utf8');
      parsed = file.toLowerCase().endsWith('.json') ? JSON.parse(source) : parseYaml(source);
    } catch (error) {
      warn(`content/comments: cannot read ${file}: ${(error as Error).message}`);
      continue;
    }
    recordsOf(parsed).forEach((record, index) => {
      const fallbackId = `${file.replace(/\.[^.]+$/, '').replace(/[^A-Za-z0-9-]+/g, '-')}-${index}`;
      const result = normaliseComment(record, articleFromPath, fallbackId);
      if (typeof result === 'string') {
        if (!result.startsWith('skipped')) warn(`content/comments: ${file} (entry ${index + 1}): ${result}`);
      } else {
        comments.push(result);
      }
    });
  }
  return comments;
}

/**
 * The content-layer loader for approved comments: data files in content/comments/ and,
 * with the `service` provider, the service's bulk listing. A service that answers with an error,
 * or that cannot be reached at a public address, fails the build: published pages must not lose
 * their comments silently. Only a service on this machine that is not running (local development)
 * or COMMENTS_BUILD_OFFLINE_OK=1 lets the build go on with the data files alone, with a warning.
 */
export function commentsLoader(options: CommentsLoaderOptions): Loader {
  return {
    name: 'meridian-comments',
    load: async ({ store, logger, parseData, generateDigest }) => {
      const comments = await readDataFiles(options.dataDir, (message) => logger.warn(message));
      if (options.serviceUrl) {
        try {
          const fromService = await fetchApprovedComments(options.serviceUrl, options.timeoutMs);
          comments.push(...fromService);
          logger.info(`${fromService.length} approved comments from ${options.serviceUrl}`);
        } catch (error) {
          const answered = error instanceof ServiceAnswerError;
          const reason = answered
            ? error.message
            : ((error as Error & { cause?: { code?: string } }).cause?.code ?? (error as Error).message);
          const local = loopbackHosts.has(new URL(options.serviceUrl).hostname);
          const problem = answered
            ? `Comment service at ${options.serviceUrl} failed (${reason})`
            : `Comment service at ${options.serviceUrl} is unreachable (${reason})`;
          if (!options.offlineOk && (answered || !local)) {
            throw new Error(
              `${problem}: the build stops so that no page loses its comments. Set COMMENTS_BUILD_OFFLINE_OK=1 to build without them.`,
              { cause: error },
            );
          }
          logger.warn(`${problem}; building without its comments.`);
        }
      }
      store.clear();
      for (const comment of comments) {
        try {
          const data = await parseData({ id: comment.id, data: { ...comment } });
          store.set({ id: comment.id, data, digest: generateDigest(data) });
        } catch (error) {
          logger.warn(`Skipping comment ${comment.id}: ${(error as Error).message}`);
        }
      }
    },
  };
}
