import { createHmac } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DatabaseSync } from 'node:sqlite';
import { describe, expect, it } from 'vitest';
import { addressKeyFile } from '../../../src/comment-service/store/open-storage.ts';
import { migrations } from '../../../src/comment-service/store/sqlite-store.ts';
import { forgetExpired } from '../../../src/comment-service/retention.ts';
import { parseServiceConfig } from '../../../src/comment-service/settings.ts';
import { commentPost, withInProcessService, type InProcessService } from '../../support/comment-app.ts';

const article = 'privacy-article';
const dayMs = 24 * 60 * 60 * 1000;

/** Rate limits would only get in the way here; the limiter has its own tests. */
const withService = (env: Record<string, string>, use: (service: InProcessService) => Promise<void>) =>
  withInProcessService({ COMMENTS_RATE_LIMIT: '0', ...env }, use);

/** Every byte the service keeps on disk for this database: the file and its write-ahead log. */
function storedBytes(db: string): string {
  return [db, `${db}-wal`]
    .filter((file) => existsSync(file))
    .map((file) => readFileSync(file).toString('latin1'))
    .join('');
}

function rowsOf(db: string): Record<string, unknown>[] {
  const connection = new DatabaseSync(db, { readOnly: true });
  try {
    return connection.prepare('SELECT id, status, email, ip_hash FROM comments ORDER BY seq').all() as Record<
      string,
      unknown
    >[];
  } finally {
    connection.close();
  }
}

async function post(service: InProcessService, fields: Record<string, string>, peer?: string): Promise<string> {
  const response = await service.request('/comments', commentPost({ article, name: 'Reader', ...fields }), peer);
  expect(response.status).toBe(201);
  return (await response.json()).id;
}

describe('deleted means gone', () => {
  it('leaves neither the e-mail address nor the text of an erased comment in the database file', async () => {
    await withService({}, async (service) => {
      await post(service, { comment: 'A comment that stays.', email: 'stays@example.org' });
      for (let i = 0; i < 3; i++) {
        await post(service, {
          comment: `Secret-text-marker-${i} that must vanish`,
          email: 'vanish-marker@example.org',
        });
      }
      const id = await post(service, { comment: 'Single-delete-marker text', email: 'single@example.org' });
      expect(await (await service.admin('DELETE', '/admin/comments?email=vanish-marker@example.org')).json()).toEqual({
        deleted: 3,
      });
      expect((await service.admin('DELETE', `/admin/comments/${id}`)).status).toBe(200);
      await service.store.close();

      const bytes = storedBytes(service.db);
      expect(bytes).toContain('stays@example.org');
      for (const gone of [
        'vanish-marker@example.org',
        'Secret-text-marker',
        'single@example.org',
        'Single-delete-marker',
      ]) {
        expect(bytes, gone).not.toContain(gone);
      }
    });
  });
});

describe('deleted means gone from the outbox too', () => {
  // The mail server is down (nothing listens on port 9): every notice stays queued in the outbox.
  const mailDown = {
    COMMENTS_SMTP_URL: 'smtp://127.0.0.1:9',
    COMMENTS_MAIL_FROM: 'comments@example.org',
    COMMENTS_SITE_URL: 'https://news.example.com/',
    COMMENTS_MODERATOR_EMAILS: 'desk@example.org',
  };

  it('leaves neither the address nor the text of a comment deleted by id or by e-mail in the files', async () => {
    await withService(mailDown, async (service) => {
      await post(service, { comment: 'Outbox-kept text', email: 'kept-outbox@example.org' });
      const id = await post(service, { comment: 'Outbox-by-id-marker text', email: 'by-id@example.org' });
      await post(service, { comment: 'Outbox-by-email-marker text', email: 'by-email@example.org' });
      expect(await service.store.unsentMailCount()).toBe(3);
      expect((await service.admin('DELETE', `/api/comments/${id}`)).status).toBe(200);
      expect(await (await service.admin('DELETE', '/api/comments?email=by-email@example.org')).json()).toEqual({
        deleted: 1,
      });
      expect(await service.store.unsentMailCount()).toBe(1);
      await service.store.close();

      const bytes = storedBytes(service.db);
      expect(bytes).toContain('kept-outbox@example.org');
      for (const gone of ['by-id@example.org', 'Outbox-by-id-marker', 'by-email@example.org', 'Outbox-by-email-marker'])
        expect(bytes, gone).not.toContain(gone);
    });
  });
});

describe('client addresses', () => {
  it('hashes the /24 or /48 network with a key kept beside the database in a 0600 file, never inside it', async () => {
    await withService({}, async (service) => {
      await post(service, { comment: 'one' }, '203.0.113.7');
      await post(service, { comment: 'two' }, '203.0.113.200');
      await post(service, { comment: 'three' }, '2001:db8:1:2::5');
      await post(service, { comment: 'four' }, '2001:db8:1:ffff::9');
      const keyFile = addressKeyFile(service.db);
      expect(statSync(keyFile).mode & 0o777).toBe(0o600);
      const key = readFileSync(keyFile, 'utf8').trim();
      const hash = (network: string) => createHmac('sha256', key).update(network).digest('hex');
      expect(rowsOf(service.db).map((row) => row.ip_hash)).toEqual([
        hash('203.0.113.0/24'),
        hash('203.0.113.0/24'),
        hash('2001:db8:1::/48'),
        hash('2001:db8:1::/48'),
      ]);
      await service.store.close();
      expect(storedBytes(service.db)).not.toContain(key);
    });
  });

  it('takes the key from COMMENTS_ADDRESS_KEY when set, and then writes no key file', async () => {
    const key = 'k'.repeat(40);
    await withService({ COMMENTS_ADDRESS_KEY: key }, async (service) => {
      await post(service, { comment: 'one' }, '198.51.100.23');
      expect(existsSync(addressKeyFile(service.db))).toBe(false);
      expect(rowsOf(service.db)[0]!.ip_hash).toBe(createHmac('sha256', key).update('198.51.100.0/24').digest('hex'));
    });
  });
});

describe('retention', () => {
  it('erases e-mail and address hash of rejected and spam comments after the retention days, of approved ones only when set', async () => {
    await withService({ COMMENTS_RETENTION_DAYS: '30' }, async (service) => {
      const ids = {
        pending: await post(service, { comment: 'p', email: 'p@example.org' }),
        rejected: await post(service, { comment: 'r', email: 'r@example.org' }),
        spam: await post(service, { comment: 's', email: 's@example.org' }),
        approved: await post(service, { comment: 'a', email: 'a@example.org' }),
      };
      await service.admin('POST', `/admin/comments/${ids.rejected}/reject`);
      await service.admin('POST', `/admin/comments/${ids.spam}/spam`);
      await service.admin('POST', `/admin/comments/${ids.approved}/approve`);
      const personal = () =>
        Object.fromEntries(rowsOf(service.db).map((row) => [row.status, row.email !== null || row.ip_hash !== null]));

      const config = parseServiceConfig({ COMMENTS_RETENTION_DAYS: '30' });
      expect(await forgetExpired(service.store, config, Date.now() + 29 * dayMs)).toBe(0);
      expect(await forgetExpired(service.store, config, Date.now() + 31 * dayMs)).toBe(2);
      expect(personal()).toEqual({ pending: true, rejected: false, spam: false, approved: true });

      const withApproved = parseServiceConfig({ COMMENTS_APPROVED_RETENTION_DAYS: '7' });
      expect(await forgetExpired(service.store, withApproved, Date.now() + 8 * dayMs)).toBe(1);
      expect(personal()).toEqual({ pending: true, rejected: false, spam: false, approved: false });
    });
  });
});

describe('exports', () => {
  it('keeps the full export for moderators and offers a public one: approved only, no e-mail', async () => {
    await withService({}, async (service) => {
      const approved = await post(service, { comment: 'shown', email: 'shown@example.org' });
      await post(service, { comment: 'waiting', email: 'waiting@example.org' });
      await service.admin('POST', `/admin/comments/${approved}/approve`);
      const full = await (await service.admin('GET', '/admin/export')).json();
      expect(full.comments.map((c: { email: string }) => c.email)).toEqual([
        'shown@example.org',
        'waiting@example.org',
      ]);
      const response = await service.admin('GET', '/admin/export/public');
      const text = await response.text();
      expect(JSON.parse(text).comments.map((c: { id: string }) => c.id)).toEqual([approved]);
      expect(text).not.toMatch(/@example\.org|email|status|ip/i);
      expect((await service.request('/admin/export/public')).status).toBe(401);
    });
  });
});

describe('privacy requests', () => {
  it.each([
    ['Åsa@Example.org', 'ÅSA@EXAMPLE.ORG'],
    ['straße@example.org', 'STRASSE@EXAMPLE.ORG'],
    ['ｋｉｍ@example.org', 'kim@example.org'],
    ['ΣΟΦΙΑ@example.org', 'σοφια@example.org'],
  ])('matches %s when asked for %s', async (stored, asked) => {
    await withService({}, async (service) => {
      await post(service, { comment: 'mine', email: stored });
      await post(service, { comment: 'not mine', email: 'other@example.org' });
      const response = await service.admin('DELETE', `/admin/comments?email=${encodeURIComponent(asked)}`);
      expect(await response.json()).toEqual({ deleted: 1 });
    });
  });
});

describe('a database from the first schema', () => {
  it('is moved on: old addresses match case-folded, the old key leaves the file, deletions are erased', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'static-news-first-schema-'));
    const db = path.join(dir, 'comments.db');
    const first = new DatabaseSync(db);
    first.exec(migrations[0]!);
    first.exec('PRAGMA user_version = 1');
    first.prepare("INSERT INTO meta (key, value) VALUES ('ip-hash-key', ?)").run('first-schema-key-marker');
    first
      .prepare(
        "INSERT INTO comments (id, article, name, email, comment, status, created_at) VALUES (?, ?, ?, ?, ?, 'approved', ?)",
      )
      .run('old-1', article, 'Old', 'Straße@Example.org', 'Old-comment-marker', '2025-01-01T00:00:00Z');
    first.close();
    try {
      await withService({ COMMENTS_DB: db }, async (service) => {
        const erased = await service.admin('DELETE', '/admin/comments?email=STRASSE%40EXAMPLE.ORG');
        expect(await erased.json()).toEqual({ deleted: 1 });
        await service.store.close();
        const bytes = storedBytes(db);
        for (const gone of ['first-schema-key-marker', 'Old-comment-marker', 'Example.org'])
          expect(bytes, gone).not.toContain(gone);
      });
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
