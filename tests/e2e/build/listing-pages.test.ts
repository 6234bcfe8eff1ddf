/**
 * Listings whose older pages stay as they were published (src/articles/pagination.ts): on a real
 * build with its cache, a new story changes a topic's own page, not its archive pages, which the
 * incremental build copies; the story that completes a page adds that page, and only the page
 * before it gains a link. Archive pages are named by their dates, and hold the oldest stories
 * from page 1 up.
 */
import { readdir, readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, makeFixtureContent, testRoot } from '../../support/site-build.ts';

const env = { SITE_URL: 'https://news.example.com', COMMENTS_PROVIDER: 'none' };
const cache = path.join(testRoot, 'cache-listing-pages');

/** The n-th harbour story: one a day from 1 March 2023, newer than every fixture story. */
function story(n: number): string {
  const day = new Date(Date.UTC(2023, 2, n, 9));
  return `---
title: Harbour story ${n}
description: The harbour, day ${n}.
author: fixture-reporter
date: ${day.toISOString()}
tags:
  - Harbours
---

The harbour authority published its figures for day ${n}.
`;
}

interface Build {
  output: string;
  /** Archive pages of the topic, by number. */
  topic: Map<number, string>;
  topicOwn: string;
  /** Archive pages of the front page, by number. */
  front: Map<number, string>;
}

async function archivePages(dir: string): Promise<Map<number, string>> {
  const names = (await readdir(dir).catch(() => [] as string[])).filter((name) => /^\d+$/.test(name));
  const pages = await Promise.all(
    names.map(async (name) => [Number(name), await readFile(path.join(dir, name, 'index.html'), 'utf8')] as const),
  );
  return new Map(pages);
}

const harbourStories = (html: string) => [...html.matchAll(/Harbour story (\d+)</g)].map((match) => Number(match[1]));

describe('listing pages that stay as published', () => {
  let contentDir: string;
  const builds: Build[] = [];

  async function build(): Promise<Build> {
    const site = await buildSite('listing-pages', contentDir, { ...env, ASTRO_CACHE_DIR: cache });
    return {
      output: site.buildOutput,
      topic: await archivePages(path.join(site.outDir, 'tags', 'harbours')),
      topicOwn: await readFile(path.join(site.outDir, 'tags', 'harbours', 'index.html'), 'utf8'),
      front: await archivePages(path.join(site.outDir, 'page')),
    };
  }

  async function addStories(from: number, to: number) {
    for (let n = from; n <= to; n++) {
      await writeFile(path.join(contentDir, 'articles', `harbour-story-${n}.mdx`), story(n));
    }
  }

  beforeAll(async () => {
    await rm(cache, { recursive: true, force: true });
    contentDir = await makeFixtureContent();
    await addStories(1, 20);
    builds.push(await build());
    await addStories(21, 21);
    builds.push(await build());
    await addStories(22, 30);
    builds.push(await build());
  }, 900_000);

  it('puts the oldest stories on page 1, newest first on each page, and names pages by their dates', () => {
    const [first] = builds;
    expect([...first!.topic.keys()].sort()).toEqual([1, 2]);
    expect(harbourStories(first!.topic.get(1)!)).toEqual([10, 9, 8, 7, 6, 5, 4, 3, 2, 1]);
    expect(harbourStories(first!.topic.get(2)!)).toEqual([20, 19, 18, 17, 16, 15, 14, 13, 12, 11]);
    expect(first!.topic.get(1)).toMatch(/<title>Harbours: stories of March 1\s–\s10, 2023/);
    // The topic's own page shows the newest ten, and links to the newest archive page it does not show all of.
    expect(harbourStories(first!.topicOwn)).toEqual([20, 19, 18, 17, 16, 15, 14, 13, 12, 11]);
    expect(first!.topicOwn).toMatch(/href="\/tags\/harbours\/1\/" rel="next"/);
  });

  it('keeps every archive page byte for byte when a story is added, and copies them from the cache', () => {
    const [first, second] = builds;
    expect(harbourStories(second!.topicOwn).slice(0, 2)).toEqual([21, 20]);
    expect(second!.topicOwn).toMatch(/href="\/tags\/harbours\/2\/" rel="next"/);
    expect([...second!.topic.keys()].sort()).toEqual([1, 2]);
    for (const [number, html] of first!.topic) expect(second!.topic.get(number), `page ${number}`).toBe(html);
    expect(second!.output).toMatch(/\/tags\/harbours\/1\/index\.html \(restored\)/);
    expect(second!.output).toMatch(/\/tags\/harbours\/2\/index\.html \(restored\)/);
    // The front page's archive pages, all but the newest (which gains a link when a story completes a new page), as well.
    const frontPages = [...first!.front.keys()].sort((a, b) => a - b).slice(0, -1);
    expect(frontPages.length).toBeGreaterThan(0);
    for (const number of frontPages)
      expect(second!.front.get(number), `front page ${number}`).toBe(first!.front.get(number));
  });

  it('adds a page when a story completes one, and links the page before it to the new one', () => {
    const [, second, third] = builds;
    expect([...third!.topic.keys()].sort()).toEqual([1, 2, 3]);
    expect(harbourStories(third!.topic.get(3)!)).toEqual([30, 29, 28, 27, 26, 25, 24, 23, 22, 21]);
    expect(third!.topic.get(1)).toBe(second!.topic.get(1));
    expect(second!.topic.get(2)).toMatch(/href="\/tags\/harbours\/" rel="prev"/);
    expect(third!.topic.get(2)).toMatch(/href="\/tags\/harbours\/3\/" rel="prev"/);
    expect(harbourStories(third!.topic.get(2)!)).toEqual(harbourStories(second!.topic.get(2)!));
  });
});
