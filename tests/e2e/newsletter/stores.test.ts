import { afterAll, beforeAll, describe } from 'vitest';
import { D1Store } from '../../../src/comment-service/store/d1-store.ts';
import { PostgresStore } from '../../../src/comment-service/store/postgres-store.ts';
import { newsletterContract } from '../../support/newsletter-contract.ts';
import { startPostgres, type PostgresServer } from '../../support/postgres.ts';
import { startWorker } from '../../support/worker.ts';

// The newsletter's store contract that the SQLite file passes (tests/unit/newsletter/store.test.ts),
// on D1 in workerd (migrated by wrangler) and on a real PostgreSQL server.
describe('D1 in workerd', () => {
  newsletterContract(async () => {
    const worker = await startWorker();
    return { store: new D1Store(worker.d1), close: () => worker.close() };
  });
});

describe('PostgreSQL', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });
  newsletterContract(async () => {
    const store = await PostgresStore.open(await server.createDatabase());
    return { store, close: () => store.close() };
  });
});
