import { readFile, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { XMLParser } from 'fast-xml-parser';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildSite, makeFixtureContent, testRoot } from '../../support/site-build.ts';

/**
 * Two real builds sharing one Astro cacheDir: the first draws every share image, the rebuild
 * with no change draws none. (That changed text gives another cache key is checked in
 * tests/unit/share-images/share-images.test.ts.)
 * Two fresh articles (one an hour old, one three days old) also exercise the news sitemap, and
 * the site has no comments at all (no data files, no service), a normal state for a new site.
 */

const cacheDir = path.join(testRoot, 'cache-share-images');
const counts = (output: string) => {
  const match = /share images: (\d+) drawn, (\d+) cached \((\d+) ms drawing\)/.exec(output);
  if (!match) throw new Error(`no share image count in the build output:\n${output}`);
  return { drawn: Number(match[1]), cached: Number(match[2]), ms: Number(match[3]) };
};

function article(title: string, date: Date): string {
  return `---
title: ${title}
description: A fresh story for the news sitemap.
author: ahmed-adel
date: ${date.toISOString()}
tags:
  - Fresh
---

Fresh body text.
`;
}

describe('share images are cached by what they show', () => {
  let contentDir: string;
  const builds: { drawn: number; cached: number; ms: number; outDir: string; output: string }[] = [];
  const now = Date.now();

  beforeAll(async () => {
    await rm(cacheDir, { recursive: true, force: true });
    contentDir = await makeFixtureContent();
    await rm(path.join(contentDir, 'comments'), { recursive: true, force: true });
    const articles = path.join(contentDir, 'articles');
    await writeFile(path.join(articles, 'fresh-story.mdx'), article('A fresh story', new Date(now - 3600_000)));
    await writeFile(path.join(articles, 'older-story.mdx'), article('An older story', new Date(now - 3 * 86400_000)));
    const build = async (name: string) => {
      const site = await buildSite(`cache-${name}`, contentDir, {
        SITE_URL: 'https://news.example.com',
        ASTRO_CACHE_DIR: cacheDir,
        COMMENTS_PROVIDER: 'none',
      });
      builds.push({ ...counts(site.buildOutput), outDir: site.outDir, output: site.buildOutput });
    };
    await build('cold');
    await build('warm');
    console.log(`share image drawing: cold ${builds[0]!.ms} ms, cached ${builds[1]!.ms} ms`);
  });

  it('the first build draws every image', () => {
    // 7 drawn cards (seed, gallery-and-embeds, newsroom story, Arabic sibling, hostile layout, fresh, older) + the photo of the
    // fixture article + site card + logo.
    expect(builds[0]).toMatchObject({ drawn: 10, cached: 0 });
  });

  it('a rebuild with no change draws nothing', () => {
    expect(builds[1]).toMatchObject({ drawn: 0, cached: 10 });
  });

  it('the cached images are the same files, 1200x630 and under 300 KB', async () => {
    const [cold, warm] = [builds[0]!.outDir, builds[1]!.outDir];
    const file = path.join('share', 'articles', 'fresh-story.png');
    expect(Buffer.compare(await readFile(path.join(cold, file)), await readFile(path.join(warm, file)))).toBe(0);
    const image = await readFile(path.join(warm, file));
    expect(image.length).toBeLessThan(300 * 1024);
    expect(await sharp(image).metadata()).toMatchObject({ width: 1200, height: 630, format: 'png' });
  });

  it('a site without comments says so once at most, not once per page', () => {
    for (const { output } of builds)
      expect(output.match(/collection "comments" does not exist or is empty/g)?.length ?? 0).toBeLessThanOrEqual(1);
  });

  it('the news sitemap lists only the article from the last two days', async () => {
    const xml = new XMLParser({ ignoreAttributes: false, attributeNamePrefix: '@_' });
    const set = xml.parse(await readFile(path.join(builds[1]!.outDir, 'news-sitemap.xml'), 'utf8')).urlset;
    expect(set.url).toEqual({
      loc: 'https://news.example.com/articles/fresh-story/',
      lastmod: new Date(now - 3600_000).toISOString(),
      'news:news': {
        'news:publication': { 'news:name': 'The Meridian', 'news:language': 'en' },
        'news:publication_date': new Date(now - 3600_000).toISOString(),
        'news:title': 'A fresh story',
      },
    });
  });
});
