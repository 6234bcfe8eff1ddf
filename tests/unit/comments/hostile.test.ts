import { afterAll, beforeAll, expect, it, vi } from 'vitest';
import { createInProcessService, type InProcessService } from '../../support/comment-app.ts';
import { hostileArticle, postHostile } from '../../support/hostile-payloads.ts';

let service: InProcessService;
beforeAll(async () => {
  service = await createInProcessService({ COMMENTS_RATE_LIMIT: '0', COMMENTS_MODERATION: 'off' });
});
afterAll(async () => {
  await service?.close();
});

it('survives 3,000 generated hostile payloads without a 5xx, and stored text comes back as JSON data only', async () => {
  // The service logs what it did not expect; nothing may get that far.
  const errors = vi.spyOn(console, 'error');
  const total = 3000;
  const statuses = await postHostile(service.request, total, (response, text) => {
    expect(response.status, text).toBeLessThan(500);
    expect(response.headers.get('content-type') ?? '').not.toMatch(/html/);
  });
  expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(total);
  expect(statuses.get(201)).toBeGreaterThan(10);
  expect(statuses.get(422)).toBeGreaterThan(10);

  const health = await service.request('/health');
  expect(health.status).toBe(200);
  const listing = await service.request(`/comments?article=${hostileArticle}`);
  expect(listing.headers.get('content-type')).toMatch(/^application\/json/);
  expect(listing.headers.get('x-content-type-options')).toBe('nosniff');
  const { comments } = await listing.json();
  expect(comments.length).toBeGreaterThan(10);
  for (const comment of comments) {
    expect(comment.website === null || /^https?:\/\//.test(comment.website)).toBe(true);
    expect(comment.name.length).toBeLessThanOrEqual(100);
    expect(comment.comment.length).toBeLessThanOrEqual(5000);
    expect([...comment.comment].some((c) => c.charCodeAt(0) <= 8)).toBe(false);
  }
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
