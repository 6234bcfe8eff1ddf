import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SqliteStore } from '../../../src/comment-service/store/sqlite-store.ts';
import { newsletterContract } from '../../support/newsletter-contract.ts';

// The newsletter's store contract on a SQLite file; D1 and PostgreSQL run it in tests/e2e/comments/stores.test.ts.
newsletterContract(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'static-news-newsletter-'));
  const store = new SqliteStore(path.join(dir, 'comments.db'));
  return {
    store,
    close: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
