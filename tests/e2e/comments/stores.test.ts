import { afterAll, beforeAll, describe } from 'vitest';
import { D1Store } from '../../../src/comment-service/store/d1-store.ts';
import { PostgresStore } from '../../../src/comment-service/store/postgres-store.ts';
import { newsletterContract } from '../../support/newsletter-contract.ts';
import { startPostgres, type PostgresServer } from '../../support/postgres.ts';
import { storeContract, type TestStoreFactory } from '../../support/store-contract.ts';
import { startWorker } from '../../support/worker.ts';

// The store contracts that the SQLite file passes (tests/unit/comments/store.test.ts and
// tests/unit/newsletter/store.test.ts), on D1 in workerd (migrated by wrangler) and on a real
// PostgreSQL server (one server for both contracts, a fresh database per test).
const contracts: [string, (open: TestStoreFactory) => void][] = [
  ['comments', storeContract],
  ['newsletter', newsletterContract],
];

describe('D1 in workerd', () => {
  for (const [name, contract] of contracts) {
    describe(name, () =>
      contract(async () => {
        const worker = await startWorker();
        return { store: new D1Store(worker.d1), close: () => worker.close() };
      }),
    );
  }
});

describe('PostgreSQL', () => {
  let server: PostgresServer;
  beforeAll(async () => {
    server = await startPostgres();
  });
  afterAll(async () => {
    await server?.stop();
  });
  for (const [name, contract] of contracts) {
    describe(name, () =>
      contract(async () => {
        const store = await PostgresStore.open(await server.createDatabase());
        return { store, close: () => store.close() };
      }),
    );
  }
});
