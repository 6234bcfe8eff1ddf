import { cp, mkdtemp, readFile, readdir } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { astro, projectRoot, run } from '../../support/project.ts';
import { testRoot } from '../../support/site-build.ts';

describe('npm run new', () => {
  it('creates a draft article that the content schema accepts', async () => {
    const contentDir = await mkdtemp(path.join(testRoot, 'new-article-'));
    await cp(path.join(projectRoot, 'content', 'authors'), path.join(contentDir, 'authors'), { recursive: true });
    await cp(path.join(projectRoot, 'content', 'articles'), path.join(contentDir, 'articles'), { recursive: true });

    const newArticle = ['--experimental-strip-types', 'src/cli/new-article.ts', 'Talks resume: "what next?"', '--tags', 'Diplomacy, ASEAN'];
    const created = await run(process.execPath, newArticle, { CONTENT_DIR: contentDir });
    expect(created.code, created.output).toBe(0);
    expect(created.stdout).toMatch(/Created .*talks-resume-what-next\.mdx/);
    const text = await readFile(path.join(contentDir, 'articles', 'talks-resume-what-next.mdx'), 'utf8');
    expect(text).toContain('title: "Talks resume: \\"what next?\\""');
    expect(text).toContain('author: ahmed-adel');
    expect(text).toContain('draft: true');

    const again = await run(process.execPath, ['--experimental-strip-types', 'src/cli/new-article.ts', 'Talks resume: "what next?"'], {
      CONTENT_DIR: contentDir,
    });
    expect(again.code).toBe(1);
    expect(again.stderr).toMatch(/already exists/);

    const sync = await astro(['sync'], { CONTENT_DIR: contentDir, ASTRO_CACHE_DIR: path.join(contentDir, '.cache') });
    expect(sync.output).not.toMatch(/does not match collection schema/);
    expect(sync.code, sync.output).toBe(0);
    expect((await readdir(path.join(contentDir, 'articles'))).length).toBe(2);
  });
});
