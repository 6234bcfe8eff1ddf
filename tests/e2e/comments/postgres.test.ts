import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openStorage } from '../../../src/comment-service/store/open-storage.ts';
import { parseServiceConfig } from '../../../src/comment-service/settings.ts';
import { inProcessApp, testSettings, type TestService } from '../../support/comment-app.ts';
import { serviceExit } from '../../support/comment-service.ts';
import { queryDatabase, startPostgres, type PostgresServer } from '../../support/postgres.ts';
import { protocolSuite } from '../../support/protocol-suite.ts';

const addressKey = 'postgres-test-address-key-0123456789abcdef';
let server: PostgresServer;
beforeAll(async () => {
  server = await startPostgres();
});
afterAll(async () => {
  await server?.stop();
});

/** The service as `npm run comments` builds it with COMMENTS_DB=postgres://…, on a fresh database. */
async function startOnPostgres(env: Record<string, string> = {}): Promise<TestService> {
  const db = await server.createDatabase();
  const settings = { COMMENTS_DB: db, COMMENTS_ADDRESS_KEY: addressKey, ...env };
  const { store } = await openStorage(parseServiceConfig({ ...testSettings, ...settings }));
  return {
    ...inProcessApp(store, addressKey, settings),
    storedAddressHashes: async () =>
      (await queryDatabase(db, 'SELECT ip_hash FROM comments')).map((row) => row.ip_hash as string | null),
    close: () => store.close(),
  };
}

// The protocol suite of the Node service on SQLite, unchanged, on PostgreSQL.
describe('the comment service on PostgreSQL', () => {
  protocolSuite(startOnPostgres);
});

describe('PostgreSQL unreachable, at start or later', () => {
  it('stops with one line naming the setting when the server cannot be reached or the address key is missing', async () => {
    const unreachable = await serviceExit({
      COMMENTS_DB: 'postgres://reader:secret@127.0.0.1:1/comments',
      COMMENTS_ADDRESS_KEY: addressKey,
    });
    expect(unreachable.code).toBe(2);
    expect(unreachable.stderr).toMatch(
      /^COMMENTS_DB: cannot use the PostgreSQL database postgres:\/\/reader:\*\*\*@127\.0\.0\.1:1\/comments: .*ECONNREFUSED/,
    );
    expect(unreachable.stderr).not.toContain('secret');
    const withoutKey = await serviceExit({ COMMENTS_DB: await server.createDatabase() });
    expect(withoutKey.code).toBe(2);
    expect(withoutKey.stderr).toMatch(/COMMENTS_ADDRESS_KEY must be set/);
  });

  it('answers 503 with Retry-After while PostgreSQL is down, and serves again when it is back', async () => {
    const own = await startPostgres();
    const db = await own.createDatabase();
    const settings = { COMMENTS_DB: db, COMMENTS_ADDRESS_KEY: addressKey };
    const { store } = await openStorage(parseServiceConfig({ ...testSettings, ...settings }));
    const service = inProcessApp(store, addressKey, settings);
    const fields = { article: 'down-article', comment: 'Anyone there?', name: 'Dee' };
    try {
      expect((await service.postComment(fields)).status).toBe(201);
      await own.pause();
      const refused = await service.postComment(fields);
      expect(refused.status).toBe(503);
      expect(refused.headers.get('retry-after')).toBe('30');
      expect((await service.request('/health')).status).toBe(503);
      expect((await service.request('/comments?article=down-article')).status).toBe(503);
      await own.resume();
      expect((await service.postComment(fields)).status).toBe(201);
      expect((await service.request('/health')).status).toBe(200);
    } finally {
      await store.close();
      await own.stop();
    }
  });
});
