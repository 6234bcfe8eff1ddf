import { expect, it } from 'vitest';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { parse } from 'node-html-parser';
import type { PublicComment } from '../../../src/comments/protocol.ts';
import CommentsSection from '../../../src/components/comments/CommentsSection.astro';
import { createInProcessService } from '../../support/comment-app.ts';
import { hostileArticle, postHostile } from '../../support/hostile-payloads.ts';

// The service half of this check (no 5xx, JSON only) is hostile.test.ts beside this file.
it('never renders stored hostile text unescaped in the page', async () => {
  const service = await createInProcessService({ COMMENTS_RATE_LIMIT: '0', COMMENTS_MODERATION: 'off' });
  let comments: PublicComment[];
  try {
    await postHostile(service.request, 3000);
    ({ comments } = await (await service.request(`/comments?article=${hostileArticle}`)).json());
  } finally {
    await service.close();
  }
  expect(comments.length).toBeGreaterThan(10);

  const container = await AstroContainer.create();
  const html = await container.renderToString(CommentsSection, {
    props: {
      articleId: hostileArticle,
      open: true,
      provider: 'service',
      endpoint: 'http://localhost:8787',
      approved: comments.map((c) => ({ ...c, createdAt: new Date(c.createdAt) })),
    },
  });
  const page = parse(html);
  expect(page.querySelectorAll('.comment-list .comment-card').length).toBe(comments.length);
  expect(page.querySelectorAll('.comment-list :is(script, img, iframe, b, style)')).toHaveLength(0);
  expect(page.querySelectorAll('script:not([src])')).toHaveLength(0);
  for (const element of page.querySelectorAll('*')) {
    for (const name of Object.keys(element.attributes)) expect(name).not.toMatch(/^on/i);
  }
  for (const link of page.querySelectorAll('a[href]')) expect(link.getAttribute('href')).toMatch(/^(https?:\/\/|#)/);
});
