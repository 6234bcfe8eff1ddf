/**
 * The search index is one Pagefind bundle for the newest month and one per earlier year, merged in
 * the reader's browser. On a real build with stories from four years, the search page finds hits in
 * every shard, in the same order as one index of the same pages would give them.
 */
import { readdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import * as pagefind from 'pagefind';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { launchBrowser } from '../../support/browser.ts';
import { buildSite, makeFixtureContent } from '../../support/site-build.ts';
import { serveStatic, type StaticServer } from '../../support/static-server.ts';

/** Stories that mention the flood barrier, by year, each with its own share of the phrase. */
const stories = [
  { id: 'barrier-planned', year: 2019, mentions: 1 },
  { id: 'barrier-funded', year: 2020, mentions: 3 },
  { id: 'barrier-built', year: 2021, mentions: 2 },
  { id: 'barrier-tested', year: 2022, mentions: 4 },
];

function story({ id, year, mentions }: (typeof stories)[number]): string {
  const lines = Array.from(
    { length: mentions },
    (_, i) => `The flood barrier on the estuary was discussed again, council minutes show (${i + 1}).`,
  );
  return `---
title: ${id.replace('-', ' ')} in ${year}
description: What happened to the estuary's defences in ${year}.
author: fixture-reporter
date: ${year}-04-0${(year % 9) + 1}T09:00:00Z
tags:
  - Floods
---

${lines.join('\n\n')}

Residents along the river bank were told to expect more meetings.
`;
}

let server: StaticServer;
let browser: Browser;
let shards: string[];

beforeAll(async () => {
  const contentDir = await makeFixtureContent();
  for (const item of stories) await writeFile(path.join(contentDir, 'articles', `${item.id}.mdx`), story(item));
  const site = await buildSite('search-shards', contentDir, { SITE_URL: 'https://news.example.com' });
  shards = (await readdir(path.join(site.outDir, 'pagefind'))).filter((name) => /^\d{4}(-\d\d)?$/.test(name));
  await writeSingleIndex(site.outDir);
  server = await serveStatic(site.outDir);
  browser = await launchBrowser();
}, 600_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

/** The index as it was before shards: one Pagefind bundle of every article page, for comparison. */
async function writeSingleIndex(outDir: string): Promise<void> {
  const { index } = await pagefind.createIndex({ forceLanguage: 'en' });
  await index!.addDirectory({ path: outDir, glob: 'articles/**/*.html' });
  await index!.writeFiles({ outputPath: path.join(outDir, 'single-index') });
  await pagefind.close();
}

async function searchPageResults(page: Page, query: string): Promise<string[]> {
  await page.goto(`${server.origin}/search/?q=${encodeURIComponent(query)}`);
  await page.locator('[data-search-results] .search-summary').waitFor({ timeout: 30_000 });
  return page.locator('[data-search-results] h3 a').evaluateAll((links) => links.map((a) => a.getAttribute('href')!));
}

/** Runs in the page as written: the test runner would rewrite a dynamic import inside a function. */
const searchSingleIndex = `async (query) => {
  const bundle = await import('/single-index/pagefind.js');
  await bundle.options({ baseUrl: '/' });
  const { results } = await bundle.search(query);
  return (await Promise.all(results.map((result) => result.data()))).map((data) => data.url);
}`;

async function singleIndexResults(page: Page, query: string): Promise<string[]> {
  return page.evaluate(`(${searchSingleIndex})(${JSON.stringify(query)})`);
}

describe('the search index in shards', () => {
  it("writes one shard for the newest month (the fixtures' September 2022) and one per earlier year", () => {
    expect(shards.sort()).toEqual(['2019', '2020', '2021', '2022', '2022-09']);
  });

  it('finds hits in every shard, ranked as one index of the same pages ranks them', async () => {
    const page = await browser.newPage();
    const sharded = await searchPageResults(page, 'flood barrier');
    expect(sharded.toSorted()).toEqual(stories.map(({ id }) => `/articles/${id}/`).toSorted());
    expect(sharded).toEqual(await singleIndexResults(page, 'flood barrier'));
    await page.close();
  });

  it('a query whose one hit is in one shard finds it, and a query with none says so', async () => {
    const page = await browser.newPage();
    expect(await searchPageResults(page, 'estuary defences 2019')).toContain('/articles/barrier-planned/');
    expect(await searchPageResults(page, 'zyzzyvas')).toEqual([]);
    expect(await page.locator('[data-search-results] .search-summary').textContent()).toMatch(/^No stories match/);
    await page.close();
  });
});
