import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createInProcessService, type InProcessService } from '../../support/comment-app.ts';
import { expectHostileFloodSurvived } from '../../support/hostile-payloads.ts';

let service: InProcessService;
beforeAll(async () => {
  service = await createInProcessService({ COMMENTS_RATE_LIMIT: '0', COMMENTS_MODERATION: 'off' });
});
afterAll(async () => {
  await service?.close();
});

// 300 here; the end-to-end suite sends 3,000 to the service process (tests/e2e/comments/hostile-flood.test.ts).
it('survives 300 generated hostile payloads without a 5xx, and stored text comes back as JSON data only', async () => {
  // The service logs what it did not expect; nothing may get that far.
  const errors = vi.spyOn(console, 'error');
  await expectHostileFloodSurvived(service.request, 300);
  expect(errors.mock.calls.flat().join('\n')).not.toMatch(/unexpected error/);
  errors.mockRestore();
});

it('answers hostile query strings and paths without a 5xx', async () => {
  const probes = [
    '/comments?article=%3Cscript%3E',
    "/comments?article=' OR 1=1 --",
    '/comments?article=%FF%FE',
    '/comments?limit=1e9',
    '/comments?limit=-1&cursor=%00',
    '/comments?cursor=1%20OR%201=1',
    '/admin/comments/%3Cscript%3E/approve',
    '/%2e%2e/%2e%2e/etc/passwd',
    '/comments?article=' + 'a'.repeat(10_000),
  ];
  for (const probe of probes) {
    const response = await service.request(probe);
    expect(response.status, probe).toBeLessThan(500);
  }
});
