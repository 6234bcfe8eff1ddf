/** A deploy hook's receiver on loopback (Netlify's, Cloudflare's or GitHub's, as far as the service can tell): records every call. */
import { createServer, type IncomingHttpHeaders, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface HookCall {
  headers: IncomingHttpHeaders;
  body: string;
  /** When the call arrived (ms since the epoch). */
  at: number;
}

export interface HookReceiver {
  url: string;
  calls: HookCall[];
  close(): Promise<void>;
}

/** A hook receiver answering each call with the next status of `statuses` (200 once they run out). */
export async function startHookReceiver(statuses: number[] = []): Promise<HookReceiver> {
  const calls: HookCall[] = [];
  const server: Server = createServer((request, response) => {
    let body = '';
    request.on('data', (chunk) => (body += chunk));
    request.on('end', () => {
      calls.push({ headers: request.headers, body, at: Date.now() });
      response.writeHead(statuses.shift() ?? 200).end();
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/hook`,
    calls,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
