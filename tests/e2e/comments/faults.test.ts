import {
  closeSync,
  copyFileSync,
  mkdirSync,
  openSync,
  readFileSync,
  renameSync,
  rmSync,
  statSync,
  writeFileSync,
  writeSync,
} from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { adminToken, commentPost, siteOrigin } from '../../support/comment-app.ts';
import {
  admin,
  postComment,
  serviceExit,
  startServiceProcess,
  tempDb,
  withServiceProcess,
  type ServiceProcess,
} from '../../support/comment-service.ts';
import { tmpfsUnavailable, withTmpfs } from '../../support/tmpfs.ts';

// What the service says when its storage fails under it: the real process, a real SQLite file,
// a small tmpfs that fills up, a file deleted or replaced while it runs.
const article = 'faults-article';
const articleUrl = `${siteOrigin}/articles/${article}/`;
const comment = { article, comment: 'Does this survive?', name: 'Kai' };

/** Fills the disk holding `dir` until the file system says it is full. */
function fillDisk(dir: string): string {
  const file = path.join(dir, 'filler');
  const fd = openSync(file, 'w');
  const block = Buffer.alloc(4096, 1);
  try {
    for (;;) writeSync(fd, block);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ENOSPC') throw error;
  } finally {
    closeSync(fd);
  }
  return file;
}

/** A browser form post (no script): urlencoded, no Accept: application/json, returning to the article. */
function formPost(url: string) {
  const init = commentPost({ ...comment, redirect: articleUrl });
  return fetch(`${url}/comments`, {
    ...init,
    headers: { ...(init.headers as Record<string, string>), Accept: 'text/html' },
    redirect: 'manual',
  });
}

const storageLines = (service: ServiceProcess) =>
  service
    .output()
    .split('\n')
    .filter((line) => line.includes('storage unavailable'));
const stackFrames = (service: ServiceProcess) =>
  service
    .output()
    .split('\n')
    .filter((line) => /^\s+at /.test(line));

describe.skipIf(tmpfsUnavailable)(`a full disk (${tmpfsUnavailable ?? 'tmpfs'})`, () => {
  it('answers 503 to /health and to posts, sends form posts back with the error notice, logs one line', async () => {
    await withTmpfs('512k', async ({ dir }) => {
      await withServiceProcess(
        { COMMENTS_DB: path.join(dir, 'comments.db'), COMMENTS_RATE_LIMIT: '0' },
        async (service) => {
          expect((await postComment(service.url, comment)).status).toBe(201);
          const filler = fillDisk(dir);

          expect((await fetch(`${service.url}/health`)).status).toBe(503);
          for (let i = 0; i < 3; i++) {
            const refused = await postComment(service.url, { ...comment, comment: `${'x'.repeat(3000)} ${i}` });
            expect(refused.status).toBe(503);
            expect(Number(refused.headers.get('retry-after'))).toBeGreaterThan(0);
            expect((await refused.json()).error).toMatch(/try again/);
          }
          const form = await formPost(service.url);
          expect(form.status).toBe(303);
          const back = new URL(form.headers.get('location')!);
          expect([back.origin + back.pathname, back.searchParams.get('comment'), back.hash]).toEqual([
            articleUrl,
            'error',
            '#comments-error',
          ]);
          expect(storageLines(service)).toHaveLength(1);
          expect(stackFrames(service)).toEqual([]);

          rmSync(filler);
          expect((await fetch(`${service.url}/health`)).status).toBe(200);
          expect((await postComment(service.url, comment)).status).toBe(201);
        },
      );
    });
  });
});

describe.skipIf(tmpfsUnavailable)(`a disk that fills while the service runs (${tmpfsUnavailable ?? 'tmpfs'})`, () => {
  it('fails /health once posts fail for want of space, and logs it as one reason', async () => {
    await withTmpfs('512k', async ({ dir }) => {
      await withServiceProcess(
        { COMMENTS_DB: path.join(dir, 'comments.db'), COMMENTS_RATE_LIMIT: '0' },
        async (service) => {
          writeFileSync(path.join(dir, 'filler'), Buffer.alloc(200 * 1024, 1));
          expect((await fetch(`${service.url}/health`)).status).toBe(200);
          let status = 201;
          for (let i = 0; i < 1000 && status === 201; i++)
            status = (await postComment(service.url, { ...comment, comment: `${'y'.repeat(3000)} ${i}` })).status;
          expect(status).toBe(503);
          expect((await fetch(`${service.url}/health`)).status).toBe(503);
          expect(storageLines(service)).toHaveLength(1);
        },
      );
    });
  });
});

describe('the database file deleted or replaced while the service runs', () => {
  it('refuses writes with 503, fails /health, logs one line, and will not start an empty database on restart', async () => {
    const db = await tempDb();
    await withServiceProcess({ COMMENTS_DB: db }, async (service) => {
      expect((await postComment(service.url, comment)).status).toBe(201);
      for (const file of [db, `${db}-wal`, `${db}-shm`]) rmSync(file, { force: true });
      expect((await fetch(`${service.url}/health`)).status).toBe(503);
      expect((await postComment(service.url, comment)).status).toBe(503);
      expect((await postComment(service.url, comment)).status).toBe(503);
      expect(storageLines(service)).toEqual([expect.stringContaining(`${db} was deleted`)]);
    });
    const refused = await serviceExit({ COMMENTS_DB: db });
    expect(refused.code).toBe(2);
    expect(refused.stderr.trim().split('\n')).toEqual([expect.stringMatching(/^COMMENTS_DB: .* is missing .*--init/)]);

    const started = await startServiceProcess({ COMMENTS_DB: db, COMMENTS_DB_INIT: '1' });
    await started.stop();
  });

  it('notices a file put in its place', async () => {
    const db = await tempDb();
    await withServiceProcess({ COMMENTS_DB: db }, async (service) => {
      expect((await fetch(`${service.url}/health`)).status).toBe(200);
      copyFileSync(db, `${db}.copy`);
      renameSync(`${db}.copy`, db);
      expect((await fetch(`${service.url}/health`)).status).toBe(503);
      expect((await postComment(service.url, comment)).status).toBe(503);
      expect(storageLines(service)).toEqual([expect.stringContaining(`${db} was replaced`)]);
    });
  });
});

describe('a damaged database file', () => {
  it('fails /health and logs one line naming the damage', async () => {
    const db = await tempDb();
    // A stopped service leaves everything in the file itself, not in its write-ahead log.
    const first = await startServiceProcess({ COMMENTS_DB: db });
    expect((await postComment(first.url, comment)).status).toBe(201);
    await first.stop();
    await withServiceProcess(
      { COMMENTS_DB: db },
      async (service) => {
        expect((await fetch(`${service.url}/health`)).status).toBe(200);
        writeFileSync(db, Buffer.alloc(statSync(db).size, 'This is no longer a SQLite file. '), { flag: 'r+' });
        expect((await fetch(`${service.url}/health`)).status).toBe(503);
        expect((await fetch(`${service.url}/health`)).status).toBe(503);
        expect(storageLines(service)).toEqual([expect.stringMatching(/not a database|malformed/)]);
      },
      'SIGKILL',
    );
  });
});

describe('start-up failures', () => {
  async function expectOneLine(env: Record<string, string>, pattern: RegExp) {
    const { code, stderr } = await serviceExit(env);
    expect(code).toBe(2);
    const lines = stderr.split('\n').filter((line) => line.trim() !== '');
    expect(lines).toEqual([expect.stringMatching(pattern)]);
  }

  it('names COMMENTS_DB when its folder cannot be created', async () => {
    const dir = path.dirname(await tempDb());
    writeFileSync(path.join(dir, 'a-file'), 'not a folder');
    await expectOneLine(
      { COMMENTS_DB: path.join(dir, 'a-file', 'comments.db') },
      /^COMMENTS_DB: cannot create the folder .*a-file \((ENOTDIR|EEXIST)\)$/,
    );
  });

  it('names COMMENTS_DB when the file is not a database', async () => {
    const db = await tempDb();
    mkdirSync(path.dirname(db), { recursive: true });
    writeFileSync(db, 'These are notes, not a database. '.repeat(200));
    await expectOneLine({ COMMENTS_DB: db }, /^COMMENTS_DB: .*comments\.db is not a SQLite database$/);
    expect(readFileSync(db, 'utf8')).toMatch(/^These are notes/);
  });

  it.skipIf(tmpfsUnavailable)(
    `names COMMENTS_DB when the file is read-only (${tmpfsUnavailable ?? 'tmpfs'})`,
    async () => {
      await withTmpfs('1m', async ({ dir, remount }) => {
        const db = path.join(dir, 'comments.db');
        const first = await startServiceProcess({ COMMENTS_DB: db });
        expect((await postComment(first.url, comment)).status).toBe(201);
        await first.stop();
        remount('ro');
        await expectOneLine({ COMMENTS_DB: db }, /^COMMENTS_DB: .*comments\.db is read-only/);
      });
    },
  );
});

describe('admin token', () => {
  it('generates and names a token file when pre-moderation has no token, and the token works', async () => {
    const db = await tempDb();
    await withServiceProcess({ COMMENTS_DB: db, COMMENTS_ADMIN_TOKEN: '' }, async (service) => {
      const tokenFile = path.join(path.dirname(db), 'admin-token');
      expect(service.output()).toContain(tokenFile);
      const token = readFileSync(tokenFile, 'utf8').trim();
      expect(token).not.toBe(adminToken);
      const listed = await fetch(`${service.url}/admin/comments`, { headers: { Authorization: `Bearer ${token}` } });
      expect(listed.status).toBe(200);
      expect((await admin(service.url, 'GET', '/admin/comments')).status).toBe(401);
    });
  });
});
