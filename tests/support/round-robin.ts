/**
 * A round-robin load balancer on loopback, as in front of several service instances: each request
 * goes to the next upstream, with the client's address appended to X-Forwarded-For. An upstream
 * that refuses the connection (a dead instance) is skipped, as a load balancer's health check
 * would; a request lost inside an instance that dies is answered 502.
 */
import { createServer, request, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface RoundRobin {
  url: string;
  /** How many requests each upstream was sent. */
  counts: number[];
  close(): Promise<void>;
}

function forward(
  upstream: URL,
  incoming: IncomingMessage,
  body: Buffer,
): Promise<{ status: number; headers: IncomingMessage['headers']; body: Buffer }> {
  const forwardedFor = [incoming.headers['x-forwarded-for'], incoming.socket.remoteAddress].filter(Boolean).join(', ');
  return new Promise((resolve, reject) => {
    const outgoing = request(
      upstream,
      {
        method: incoming.method,
        path: incoming.url,
        headers: { ...incoming.headers, host: upstream.host, 'x-forwarded-for': forwardedFor },
      },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }),
        );
        response.on('error', reject);
      },
    );
    outgoing.on('error', reject);
    outgoing.end(body);
  });
}

export async function startRoundRobin(upstreams: string[]): Promise<RoundRobin> {
  const targets = upstreams.map((url) => new URL(url));
  const counts = targets.map(() => 0);
  let next = 0;
  const server: Server = createServer(async (incoming, outgoing) => {
    const chunks: Buffer[] = [];
    for await (const chunk of incoming) chunks.push(chunk as Buffer);
    const body = Buffer.concat(chunks);
    const first = next++;
    for (let attempt = 0; attempt < targets.length; attempt++) {
      const index = (first + attempt) % targets.length;
      counts[index]!++;
      try {
        const answer = await forward(targets[index]!, incoming, body);
        outgoing.writeHead(answer.status, answer.headers).end(answer.body);
        return;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ECONNREFUSED') continue;
        break;
      }
    }
    outgoing.writeHead(502, { 'content-type': 'text/plain' }).end('Bad gateway');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    counts,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}
