/**
 * HTTP/1.1 written by hand on a socket, for what fetch cannot send: a body shorter than its
 * Content-Length, then the client hanging up. Loopback only.
 */
import { connect } from 'node:net';

/** Sends the request line, headers and `body` to `url`, half-closes, and reads until the server closes: its status, or null. */
export function sendCutOff(
  url: string,
  pathname: string,
  headers: Record<string, string>,
  body: string,
): Promise<number | null> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect({ host: hostname, port: Number(port) }, () => {
      const head = Object.entries({ Host: `${hostname}:${port}`, Connection: 'close', ...headers })
        .map(([name, value]) => `${name}: ${value}\r\n`)
        .join('');
      socket.end(`POST ${pathname} HTTP/1.1\r\n${head}\r\n${body}`);
    });
    let answer = '';
    socket.setEncoding('latin1');
    socket.on('data', (chunk) => (answer += chunk));
    socket.on('error', (error: NodeJS.ErrnoException) => (error.code === 'ECONNRESET' ? undefined : reject(error)));
    socket.on('close', () => {
      const status = /^HTTP\/1\.1 (\d{3})/.exec(answer);
      resolve(status ? Number(status[1]) : null);
    });
  });
}
