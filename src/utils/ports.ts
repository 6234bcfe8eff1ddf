import { createServer } from 'node:net';

function isFree(port: number): Promise<number | null> {
  return new Promise((resolve) => {
    const probe = createServer()
      .once('error', () => resolve(null))
      .listen(port, '127.0.0.1', () => {
        const address = probe.address();
        probe.close(() => resolve(typeof address === 'object' && address ? address.port : null));
      });
  });
}

/**
 * A free TCP port on loopback, to know a server's address before it starts: any port the system
 * offers, or with `from`, the first free one of the 50 from there (4321 may be held by another preview).
 */
export async function freePort(from?: number): Promise<number> {
  if (from === undefined) {
    const port = await isFree(0);
    if (port === null) throw new Error('No free port on 127.0.0.1');
    return port;
  }
  for (let port = from; port < from + 50; port++) {
    if ((await isFree(port)) !== null) return port;
  }
  throw new Error(`No free port from ${from} to ${from + 49}`);
}
