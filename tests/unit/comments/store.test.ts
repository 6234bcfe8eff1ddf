import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { SqliteStore } from '../../../src/comment-service/store/sqlite-store.ts';
import { storeContract } from '../../support/store-contract.ts';

// The store contract on a SQLite file; D1 and PostgreSQL run it in tests/e2e/comments/stores.test.ts.
storeContract(async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'static-news-store-'));
  const store = new SqliteStore(path.join(dir, 'comments.db'));
  return {
    store,
    close: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
});
