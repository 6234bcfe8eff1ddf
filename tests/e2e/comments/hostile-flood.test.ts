import { afterAll, beforeAll, expect, it } from 'vitest';
import { startServiceProcess, type ServiceProcess } from '../../support/comment-service.ts';
import { expectHostileFloodSurvived } from '../../support/hostile-payloads.ts';

// The full count, over real HTTP to the service process: too heavy for the unit lane, which sends 300
// in-process (tests/unit/comments/hostile.test.ts).
let service: ServiceProcess;
beforeAll(async () => {
  service = await startServiceProcess({ COMMENTS_RATE_LIMIT: '0', COMMENTS_MODERATION: 'off' });
});
afterAll(async () => {
  await service?.stop();
});

it('survives 3,000 generated hostile payloads without a 5xx, and stored text comes back as JSON data only', async () => {
  await expectHostileFloodSurvived((pathname, init) => fetch(`${service.url}${pathname}`, init), 3000);
  // The service logs what it did not expect; nothing may get that far.
  expect(service.output()).not.toMatch(/unexpected error/);
  // 3,000 requests take about 15 s on a quiet machine; a busy one is slower, which is no failure.
}, 900_000);
