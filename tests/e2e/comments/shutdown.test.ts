import { connect, type Socket } from 'node:net';
import { expect, it } from 'vitest';
import { siteOrigin } from '../../support/comment-app.ts';
import { startServiceProcess } from '../../support/comment-service.ts';

// SIGTERM on the real process: requests in flight are answered, a client that never finishes its
// body cannot keep the service from exiting.
const body = new URLSearchParams({
  article: 'shutdown-article',
  comment: 'Sent just as the service stops.',
  name: 'Noor',
}).toString();

/** Sends the request line, headers and the first half of the body; the rest is up to the test. */
function halfSentPost(url: string): Promise<{ socket: Socket; answer: Promise<string> }> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve, reject) => {
    const socket = connect(Number(port), hostname, () => {
      socket.write(
        [
          'POST /comments HTTP/1.1',
          `Host: ${hostname}:${port}`,
          `Origin: ${siteOrigin}`,
          'Accept: application/json',
          'Content-Type: application/x-www-form-urlencoded',
          `Content-Length: ${Buffer.byteLength(body)}`,
          '',
          body.slice(0, 20),
        ].join('\r\n'),
      );
      let answer = '';
      socket.on('data', (chunk) => (answer += chunk));
      resolve({ socket, answer: new Promise((done) => socket.once('close', () => done(answer))) });
    });
    socket.once('error', reject);
  });
}

/** Whether a new TCP connection to the service is accepted. */
function accepts(url: string): Promise<boolean> {
  const { hostname, port } = new URL(url);
  return new Promise((resolve) => {
    const socket = connect(Number(port), hostname, () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

it('on SIGTERM answers the request in flight, then exits even though another client never finishes its body', async () => {
  const service = await startServiceProcess({ COMMENTS_SHUTDOWN_SECONDS: '2' });
  const finishing = await halfSentPost(service.url);
  const stalled = await halfSentPost(service.url);
  // Both requests have reached the service before the signal: a request on a later connection is answered.
  expect((await fetch(`${service.url}/health`)).ok).toBe(true);
  const exited = new Promise<number | null>((resolve) => service.child.once('exit', (code) => resolve(code)));
  service.child.kill('SIGTERM');
  // The service has begun to stop once it refuses new connections; only then does the first request finish.
  await expect.poll(() => accepts(service.url)).toBe(false);
  finishing.socket.write(body.slice(20));

  expect(await finishing.answer).toMatch(/^HTTP\/1\.1 201 /);
  expect(await exited).toBe(0);
  expect(await stalled.answer).not.toMatch(/^HTTP\/1\.1 201 /);
  await expect(fetch(`${service.url}/health`)).rejects.toThrow();
});
