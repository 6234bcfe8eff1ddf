import { readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, inject, it } from 'vitest';
import { articleListPath } from '../../../src/comments/article-list.ts';
import { fieldMessages } from '../../../src/comments/messages.ts';
import { postComment, serviceExit, startServiceProcess, tempDb } from '../../support/comment-service.ts';
import { seedArticleId } from '../../support/seed.ts';

// The build publishes the articles that take comments; the service, given that list, refuses the rest.
it('takes comments only for the articles the build listed, and follows the list when it changes', async () => {
  const built = JSON.parse(await readFile(path.join(inject('siteDir'), articleListPath), 'utf8'));
  expect(built.articles).toContain(seedArticleId);

  const list = path.join(path.dirname(await tempDb()), articleListPath);
  await writeFile(list, JSON.stringify(built));
  const service = await startServiceProcess({ COMMENTS_ARTICLES: list, COMMENTS_RATE_LIMIT: '0' });
  try {
    const comment = (article: string) => postComment(service.url, { article, comment: 'Is this here?', name: 'Uma' });
    expect((await comment(seedArticleId)).status).toBe(201);
    const unknown = await comment('no-such-article');
    expect(unknown.status).toBe(422);
    expect((await unknown.json()).fields).toEqual({ article: fieldMessages.article });

    await writeFile(list, JSON.stringify({ articles: [...built.articles, 'no-such-article'] }));
    let status = 0;
    for (let attempt = 0; attempt < 100 && status !== 201; attempt++) {
      await new Promise((resolve) => setTimeout(resolve, 100));
      status = (await comment('no-such-article')).status;
    }
    expect(status).toBe(201);
  } finally {
    await service.stop();
  }
});

it('will not start when the list cannot be read, naming COMMENTS_ARTICLES', async () => {
  const { code, stderr } = await serviceExit({
    COMMENTS_ARTICLES: path.join(path.dirname(await tempDb()), 'missing.json'),
  });
  expect(code).toBe(2);
  expect(stderr.trim()).toMatch(/^COMMENTS_ARTICLES: cannot read the article list at .*missing\.json/);
});
