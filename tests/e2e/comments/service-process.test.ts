import { createServer, type AddressInfo } from 'node:net';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { siteOrigin } from '../../support/comment-app.ts';
import { sendCutOff } from '../../support/raw-http.ts';
import {
  admin,
  postComment,
  serviceExit,
  startServiceProcess,
  type ServiceProcess,
} from '../../support/comment-service.ts';

// What `npm run comments` runs, as a process on loopback: the protocol itself is tested in-process
// (tests/unit/comments/); this checks the Node entry point around it.
const article = 'service-process-article';

let service: ServiceProcess;
beforeAll(async () => {
  service = await startServiceProcess();
});
afterAll(async () => {
  await service?.stop();
});

it('serves the protocol over real HTTP: a posted comment is read back once approved', async () => {
  expect(service.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
  expect((await fetch(`${service.url}/health`)).status).toBe(200);
  const posted = await postComment(service.url, { article, comment: 'Over the wire.', name: 'Lin' });
  expect(posted.status).toBe(201);
  const { id } = await posted.json();
  expect((await admin(service.url, 'POST', `/admin/comments/${id}/approve`)).status).toBe(200);
  const listed = await (await fetch(`${service.url}/comments?article=${article}`)).json();
  expect(listed.comments.map((c: { id: string; comment: string }) => [c.id, c.comment])).toEqual([
    [id, 'Over the wire.'],
  ]);
});

it('answers a body cut off by a client that hung up, and logs no error: that is no fault of the service', async () => {
  const headers = { Origin: siteOrigin, Accept: 'application/json', 'Content-Type': 'application/json' };
  const status = await sendCutOff(service.url, '/comments', { ...headers, 'Content-Length': '100' }, '{"a":');
  // Node may answer 400 before the socket closes, or find nobody left to answer.
  expect([400, null]).toContain(status);
  const chunked = await sendCutOff(
    service.url,
    '/comments',
    { ...headers, 'Transfer-Encoding': 'chunked' },
    '5\r\n{"a":',
  );
  expect([400, null]).toContain(chunked);
  expect((await fetch(`${service.url}/health`)).status).toBe(200);
  expect(service.output()).not.toMatch(/unexpected error|^\s+at /m);
});

/** The lines a failed start printed, and that none of them is a stack frame. */
function errorLines(stderr: string): string[] {
  const lines = stderr.split('\n').filter((line) => line.trim() !== '');
  for (const line of lines) expect(line).not.toMatch(/^\s+at /);
  return lines;
}

it('refuses to start with one line naming every bad setting, and exit code 2', async () => {
  const { code, stdout, stderr } = await serviceExit({
    COMMENTS_ALLOWED_ORIGINS: 'localhost:4321/path',
    COMMENTS_ADMIN_TOKEN: 'short',
  });
  expect(code).toBe(2);
  expect(stdout).toBe('');
  const lines = errorLines(stderr);
  expect(lines).toHaveLength(1);
  expect(lines[0]).toMatch(/COMMENTS_ALLOWED_ORIGINS must be.*COMMENTS_ADMIN_TOKEN must be at least 16/);
});

it('says in one line which port is in use, with exit code 1', async () => {
  const holder = createServer();
  await new Promise<void>((resolve) => holder.listen(0, '127.0.0.1', resolve));
  const { port } = holder.address() as AddressInfo;
  try {
    const { code, stderr } = await serviceExit({ COMMENTS_PORT: String(port) });
    expect(code).toBe(1);
    expect(errorLines(stderr)).toEqual([
      `Port ${port} is in use: stop the other comment service or set COMMENTS_PORT to another port`,
    ]);
  } finally {
    await new Promise<void>((resolve) => holder.close(() => resolve()));
  }
});
