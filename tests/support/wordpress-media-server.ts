/**
 * A loopback HTTP server standing in for the old site's uploads (or a mirror of them) in the
 * import tests: it serves a folder laid out like wp-content/uploads at both
 * <any prefix>/wp-content/uploads/<path> and /<path> (WordPress.com's file host), counts requests, and can
 * fail a path a few times first, to prove retries. Like nginx it sends an ETag (from the file's time
 * and size) and Last-Modified, answers conditional requests with 304 and HEAD without a body; with
 * `validators: false` it sends neither, as some hosts do.
 */
import { createReadStream, existsSync, statSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';

export interface MediaServer {
  origin: string;
  /** Requests served, by path. */
  requests: Map<string, number>;
  /** Answers 503 to the next `times` requests for a path. */
  failNext(pathname: string, times: number): void;
  close(): Promise<void>;
}

export async function startMediaServer(root: string, { validators = true } = {}): Promise<MediaServer> {
  const requests = new Map<string, number>();
  const failures = new Map<string, number>();
  const server = createServer((request, response) => {
    const pathname = decodeURIComponent(new URL(request.url ?? '/', 'http://localhost').pathname);
    requests.set(pathname, (requests.get(pathname) ?? 0) + 1);
    const failing = failures.get(pathname) ?? 0;
    if (failing > 0) {
      failures.set(pathname, failing - 1);
      response.writeHead(503).end('busy');
      return;
    }
    const relative = pathname.replace(/^.*?\/wp-content\/uploads\//, '/').slice(1);
    const file = path.join(root, relative);
    if (relative.split('/').includes('..') || !existsSync(file) || !statSync(file).isFile()) {
      response.writeHead(404).end('not found');
      return;
    }
    const { size, mtime } = statSync(file);
    const etag = `"${mtime.getTime().toString(16)}-${size.toString(16)}"`;
    const lastModified = mtime.toUTCString();
    const cache = validators ? { etag, 'last-modified': lastModified } : {};
    const unchanged =
      validators &&
      (request.headers['if-none-match'] === etag ||
        (!request.headers['if-none-match'] && request.headers['if-modified-since'] === lastModified));
    if (unchanged) {
      response.writeHead(304, cache).end();
      return;
    }
    response.writeHead(200, { 'content-length': size, ...cache });
    if (request.method === 'HEAD') response.end();
    else createReadStream(file).pipe(response);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${port}`,
    requests,
    failNext: (pathname, times) => failures.set(pathname, times),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
