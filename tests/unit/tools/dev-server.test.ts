import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { articleHeadline, devServerAddress, pollUntil, withSentenceAppended } from '../../../tools/bench/dev-server.ts';
import { markdownReport, type DevResult } from '../../../tools/bench/report.ts';
import { syntheticArticle } from '../../../tools/bench/synthetic.ts';
import { projectRoot } from '../../support/project.ts';

describe('the dev server benchmark', () => {
  it('waits until the check gives a value, and returns it', async () => {
    let calls = 0;
    const value = await pollUntil(async () => (++calls === 3 ? 'served' : undefined), {
      what: 'the page',
      timeoutMs: 60_000,
      intervalMs: 1,
    });
    expect(value).toBe('served');
    expect(calls).toBe(3);
  });

  it('gives up with a message naming what it waited for, on time out or when the server is gone', async () => {
    await expect(
      pollUntil(async () => undefined, {
        what: 'the edit',
        timeoutMs: 20,
        intervalMs: 5,
        detail: () => 'last answer 500',
      }),
    ).rejects.toThrow(/^Timed out after 0 s waiting for the edit \(last answer 500\)$/);
    let calls = 0;
    await expect(
      pollUntil(
        async () => {
          calls += 1;
          return undefined;
        },
        {
          what: 'the front page',
          timeoutMs: 60_000,
          abandoned: () => 'astro dev exited (code 1)',
        },
      ),
    ).rejects.toThrow('Gave up waiting for the front page: astro dev exited (code 1)');
    expect(calls).toBe(0);
  });

  it('reads the address from Astro’s ready message, colours and all, and nothing before it', () => {
    const starting = '14:26:27 [content] Syncing content\n14:26:30 [content] Synced content\n';
    expect(devServerAddress(starting)).toBeUndefined();
    const ready =
      '\u001b[42m\u001b[30m astro \u001b[39m\u001b[49m \u001b[32mv7.3.5\u001b[39m \u001b[2mready in\u001b[22m 6411 \u001b[2mms\u001b[22m\n\n' +
      '\u001b[2m┃\u001b[22m Local    \u001b[36mhttp://127.0.0.1:44003/\u001b[39m\n';
    expect(devServerAddress(starting + ready)).toBe('http://127.0.0.1:44003/');
    expect(devServerAddress('┃ Local    http://localhost:4322/news/\n')).toBe('http://localhost:4322/news/');
  });

  it('finds the headline of a synthetic article and of the real one', async () => {
    const synthetic = syntheticArticle(41);
    expect(articleHeadline(synthetic.source, 'a.mdx')).toMatch(/^[A-Z][a-z]+( [a-z]+)+ \(42\)$/);
    const file = path.join(projectRoot, 'content', 'articles', 'russia-reaffirms-deepening-ties-with-myanmar.mdx');
    expect(articleHeadline(await readFile(file, 'utf8'), file)).toBe('Russia reaffirms deepening ties with Myanmar');
    expect(articleHeadline("---\ntitle: 'It''s: quoted'\n---\nBody.\n", 'b.mdx')).toBe("It's: quoted");
    expect(() => articleHeadline('---\ndescription: none\n---\nBody.\n', 'content/articles/c.mdx')).toThrow(
      'content/articles/c.mdx: no title in the frontmatter',
    );
    expect(() => articleHeadline('No frontmatter.\n', 'd.mdx')).toThrow('d.mdx: no title in the frontmatter');
  });

  it('appends the sentence as the article’s last paragraph, leaving the rest as it was', () => {
    const source = syntheticArticle(3).source;
    const edited = withSentenceAppended(source, 'A sentence.');
    expect(edited.startsWith(source.trimEnd())).toBe(true);
    expect(edited.endsWith('\n\nA sentence.\n')).toBe(true);
  });

  it('reports each start in a table of its own, with what failed', () => {
    const dev: DevResult[] = [
      {
        articles: 1000,
        project: '9962f3b',
        start: 'cold',
        ok: true,
        readySeconds: 12.34,
        frontPageSeconds: 20,
        articleSeconds: 1.5,
        editSeconds: 0.72,
        addSeconds: 2,
        peakRssMb: 900.4,
        note: 'Astro cleared its content store',
      },
      {
        articles: 1000,
        project: '9962f3b',
        start: 'warm',
        ok: false,
        readySeconds: 8,
        error: 'Timed out after 360 s waiting for the article | (last answer 500)',
        peakRssMb: 700,
      },
    ];
    const md = markdownReport({
      date: '2026-12-06',
      machine: { cpus: 2, memoryGb: 24, node: 'v24' },
      builds: [],
      dev,
      lighthouse: [],
    });
    expect(md).toContain(
      '| 1000 | 9962f3b | cold | 12.3 | 20.0 | 1.5 | 0.7 | 2.0 | 900 | Astro cleared its content store |',
    );
    expect(md).toContain(
      '| 1000 | 9962f3b | warm | 8.0 | – | – | – | – | 700 | failed: Timed out after 360 s waiting for the article / (last answer 500) |',
    );
    expect(md).not.toContain('| site | build |');
  });
});
