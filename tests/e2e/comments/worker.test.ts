import { describe, expect, it } from 'vitest';
import { adminRequest, commentPost } from '../../support/comment-app.ts';
import { protocolSuite } from '../../support/protocol-suite.ts';
import { startWorker } from '../../support/worker.ts';

// The protocol suite of the Node service, unchanged, against the Worker with D1 in workerd:
// posting, listing, moderation, export, privacy deletion and the rate limit.
describe('the comment service as a Cloudflare Worker with D1', () => {
  protocolSuite(startWorker);
});

describe('the Worker', () => {
  it('counts the client by CF-Connecting-IP', async () => {
    const worker = await startWorker({ COMMENTS_RATE_LIMIT: '1' });
    try {
      const fields = { article: 'worker-article', comment: 'Hello', name: 'Cy' };
      expect((await worker.request('/comments', commentPost(fields), '203.0.113.5')).status).toBe(201);
      expect((await worker.request('/comments', commentPost(fields), '203.0.113.6')).status).toBe(429);
      expect((await worker.request('/comments', commentPost(fields), '198.51.100.5')).status).toBe(201);
    } finally {
      await worker.close();
    }
  });

  it('answers with the setting to fix when a secret is missing', async () => {
    const worker = await startWorker({ COMMENTS_ADDRESS_KEY: '' });
    try {
      const response = await worker.request('/admin/export', adminRequest('GET'));
      expect(response.status).toBe(500);
      expect((await response.json()).error).toMatch(/COMMENTS_ADDRESS_KEY/);
    } finally {
      await worker.close();
    }
  });
});
