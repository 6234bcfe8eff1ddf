import { expect, it } from 'vitest';
import { admin, postComment, startServiceProcess, tempDb } from '../../support/comment-service.ts';

const article = 'persistence-article';

it('keeps comments and their moderation state across a restart', async () => {
  const db = await tempDb();
  const first = await startServiceProcess({ COMMENTS_DB: db });
  const id = (await (await postComment(first.url, { article, comment: 'Still here?', name: 'Kim' })).json()).id;
  await admin(first.url, 'POST', `/admin/comments/${id}/approve`);
  await first.stop();
  const second = await startServiceProcess({ COMMENTS_DB: db });
  try {
    const listed = await (await fetch(`${second.url}/comments?article=${article}`)).json();
    expect(listed.comments.map((c: { id: string; comment: string }) => [c.id, c.comment])).toEqual([
      [id, 'Still here?'],
    ]);
  } finally {
    await second.stop();
  }
});

it('loses nothing acknowledged with 201 when the process is killed with SIGKILL right after', async () => {
  const db = await tempDb();
  const service = await startServiceProcess({ COMMENTS_DB: db, COMMENTS_RATE_LIMIT: '0' });
  const acknowledged: string[] = [];
  for (let i = 0; i < 20; i++) {
    const response = await postComment(service.url, { article, comment: `Comment ${i}`, name: 'Crash' });
    expect(response.status).toBe(201);
    acknowledged.push((await response.json()).id);
  }
  // One more in flight while the process dies: it may or may not be stored, but the 20 must be.
  const last = postComment(service.url, { article, comment: 'last', name: 'Crash' }).catch(() => null);
  await service.stop('SIGKILL');
  await last;
  const restarted = await startServiceProcess({ COMMENTS_DB: db });
  try {
    const exported = await (await admin(restarted.url, 'GET', '/admin/export')).json();
    const stored = new Set(exported.comments.map((c: { id: string }) => c.id));
    for (const id of acknowledged) expect(stored.has(id), id).toBe(true);
  } finally {
    await restarted.stop();
  }
});
