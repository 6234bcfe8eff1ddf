import { createReadStream } from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import sirv from 'sirv';

export interface StaticServer {
  /** Origin, e.g. http://127.0.0.1:41234 */
  origin: string;
  close(): Promise<void>;
}

/**
 * Serves a built site on loopback the way static hosts do: `dir/` serves
 * `dir/index.html`, a missing URL gets `404.html` with status 404. With a base
 * path the output is mounted under it, as on GitHub Pages project sites.
 */
export async function serveStatic(
  dir: string,
  { base = '/', headers = {}, port = 0 }: { base?: string; headers?: Record<string, string>; port?: number } = {},
): Promise<StaticServer> {
  const files = sirv(dir, { dev: false, etag: true, dotfiles: false, extensions: ['html'] });
  const notFound = path.join(dir, '404.html');
  const server: Server = createServer((req, res) => {
    for (const [name, value] of Object.entries(headers)) res.setHeader(name, value);
    const sendNotFound = () => {
      res.statusCode = 404;
      res.setHeader('Content-Type', 'text/html; charset=utf-8');
      createReadStream(notFound)
        .on('error', () => res.end('Not found'))
        .pipe(res);
    };
    if (!req.url?.startsWith(base)) return sendNotFound();
    req.url = `/${req.url.slice(base.length)}`;
    files(req, res, sendNotFound);
  });
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const address = server.address() as AddressInfo;
  return {
    origin: `http://127.0.0.1:${address.port}`,
    close: () => new Promise((resolve, reject) => server.close((error) => (error ? reject(error) : resolve()))),
  };
}
