import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { diffSites, type Normalisation } from '../../support/site-diff.ts';
import { buildSite, makeFixtureContent, testRoot } from '../../support/site-build.ts';

/**
 * Publishing into an existing archive: a build that reuses the cache folder of the build before
 * must write exactly what a clean build of the same content writes, file by file. Two changes
 * are checked, each against its own clean build: a new article (it changes the front page, its
 * tags, its archive month, the feeds, the sitemaps, its year's shard of the search index and its
 * neighbours' "more stories"), and an edited paragraph in an existing article.
 */

const env = { SITE_URL: 'https://news.example.com', COMMENTS_PROVIDER: 'none' };
const sharedCache = path.join(testRoot, 'cache-incremental');

/**
 * Build timestamps are the only thing two builds of the same content may differ in, and this
 * site writes none that differ within a day: feeds are dated by their newest article and the
 * footer shows the year. So nothing is normalised; a timestamp added later must be listed here.
 */
const buildTimestamps: Normalisation[] = [];

function article(title: string, date: string, tags: string[], paragraph: string): string {
  return `---
title: ${title}
description: ${title}, in brief.
author: fixture-reporter
date: ${date}
tags:
${tags.map((tag) => `  - ${tag}`).join('\n')}
---

${paragraph}

## What comes next

Talks resume next month, officials said.
`;
}

const editedArticle = 'trade-talks-resume.mdx';
const firstParagraph = 'Trade talks between the two neighbours resumed on Monday after a pause of three months.';

describe('an incremental build writes what a clean build writes', () => {
  let contentDir: string;
  /** Each step's incremental build output (the log), and how it differs from a clean build of the same content. */
  const steps: Record<string, { output: string; differences: string[]; pages: Record<string, string> }> = {};

  /**
   * Builds with the cache of the build before, into the same output folder (Astro's page cache
   * is only valid for the folder it was made for, as on a deploy host), then the same content
   * from nothing, and compares the two before the next step replaces the output.
   */
  async function buildBoth(step: string) {
    const site = await buildSite('incremental', contentDir, { ...env, ASTRO_CACHE_DIR: sharedCache });
    const cleanCache = path.join(testRoot, `cache-incremental-clean-${step}`);
    await rm(cleanCache, { recursive: true, force: true });
    const clean = await buildSite('incremental-clean', contentDir, { ...env, ASTRO_CACHE_DIR: cleanCache });
    const pages: Record<string, string> = {};
    for (const id of ['ministers-meet', 'trade-talks-resume']) {
      pages[id] = await readFile(path.join(site.outDir, 'articles', id, 'index.html'), 'utf8').catch(() => '');
    }
    steps[step] = {
      output: site.buildOutput,
      differences: await diffSites(clean.outDir, site.outDir, buildTimestamps),
      pages,
    };
  }

  beforeAll(async () => {
    await rm(sharedCache, { recursive: true, force: true });
    contentDir = await makeFixtureContent();
    const articles = path.join(contentDir, 'articles');
    await writeFile(
      path.join(articles, editedArticle),
      article('Trade talks resume', '2022-09-20T09:00:00+02:00', ['Diplomacy', 'Trade'], firstParagraph),
    );
    await writeFile(
      path.join(articles, 'port-opens.mdx'),
      article(
        'A new port opens',
        '2021-09-21T09:00:00+02:00',
        ['Trade'],
        'The port opened to its first ships on Tuesday.',
      ),
    );
    await buildSite('incremental', contentDir, { ...env, ASTRO_CACHE_DIR: sharedCache });

    await writeFile(
      path.join(articles, 'ministers-meet.mdx'),
      article(
        'Ministers meet at the border',
        '2022-09-22T09:00:00+02:00',
        ['Diplomacy', 'Borders'],
        'Ministers met at the border crossing.',
      ),
    );
    await buildBoth('add');

    const file = path.join(articles, editedArticle);
    const text = await readFile(file, 'utf8');
    await writeFile(
      file,
      text.replace(
        firstParagraph,
        'Trade talks between the two neighbours resumed on Monday, and both sides called them "useful".',
      ),
    );
    await buildBoth('edit');
  });

  it('after an article is added', () => {
    expect(steps.add!.differences).toEqual([]);
  });

  it('after a paragraph is edited', () => {
    expect(steps.edit!.differences).toEqual([]);
  });

  it('reuse the previous build: unchanged pages are copied and only the changed article is compiled', () => {
    for (const step of ['add', 'edit']) {
      const { output } = steps[step]!;
      expect(output.match(/\(restored\)/g)?.length ?? 0, step).toBeGreaterThan(0);
      expect(/article-loader\] (\d+) compiled, (\d+) unchanged/.exec(output)?.slice(1).map(Number), step).toEqual([
        1,
        expect.any(Number),
      ]);
      // The search index: the new story and the edited one are in the newest month's shard (2022-09);
      // the rest of 2022 and the port story's 2021 come from the cache.
      expect(
        /(\d+) shards \(the newest month, then by year\), (\d+) indexed by Pagefind and (\d+) unchanged/
          .exec(output)
          ?.slice(1),
        step,
      ).toEqual(['3', '1', '2']);
      // The CSP merge reads only the pages this build rendered: a restored page's render key was seen before.
      const merged = /CSP merged from (\d+) of (\d+) pages, (\d+) read/.exec(output)?.slice(1).map(Number);
      // Pages render four at a time, so a rendered page's time may be logged apart from its name; a restored one says so after it.
      const listed = output.match(/[├└]─ \S+\.html/g)?.length ?? 0;
      const rendered = listed - (output.match(/[├└]─ \S+\.html \(restored\)/g)?.length ?? 0);
      expect(merged?.[2], step).toBe(rendered);
      expect(rendered, step).toBeLessThan(merged![1]!);
    }
  });

  it('the new article and the edit are in the output', () => {
    expect(steps.add!.pages['ministers-meet']).toContain('Ministers met at the border crossing.');
    expect(steps.edit!.pages['trade-talks-resume']).toContain(
      'resumed on Monday, and both sides called them “useful”.',
    );
  });
});
