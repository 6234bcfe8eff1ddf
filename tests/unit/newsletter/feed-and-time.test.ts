import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { latestBriefing, zonedHour } from '../../../src/comment-service/newsletter/briefing-time.ts';
import { readFeed, storiesOf } from '../../../src/comment-service/newsletter/feed.ts';
import { jsonFeed } from '../../support/newsletter.ts';

describe('reading the published JSON Feed', () => {
  it('reads the stories with standfirst, byline and hero image', () => {
    const published = new Date('2026-12-01T09:30:00Z');
    const [story] = storiesOf(
      jsonFeed([
        { id: 'a', title: 'A', published, authors: ['Ada', 'Bo', 'Cy'], image: 'https://news.example.com/h.jpg' },
      ]),
      'feed.json',
    );
    expect(story).toEqual({
      id: 'https://news.example.com/articles/a/',
      url: 'https://news.example.com/articles/a/',
      title: 'A',
      summary: 'The standfirst of A.',
      image: 'https://news.example.com/h.jpg',
      byline: 'Ada, Bo and Cy',
      published,
    });
  });

  it('names the source and the field of a feed it cannot use, and of one it cannot read', async () => {
    const bad = jsonFeed([{ id: 'a', title: 'A', published: new Date() }]) as { items: Record<string, unknown>[] };
    bad.items[0]!.date_published = 'yesterday';
    expect(() => storiesOf(bad, 'dist/feed.json')).toThrow(
      /^dist\/feed\.json is not a JSON Feed: items\.0\.date_published/,
    );
    expect(() => storiesOf({ version: 'rss' }, 'x.json')).toThrow(/x\.json is not a JSON Feed: version/);
    const dir = await mkdtemp(path.join(os.tmpdir(), 'static-news-feed-'));
    try {
      await writeFile(path.join(dir, 'feed.json'), '{ not json');
      await expect(readFeed(path.join(dir, 'feed.json'))).rejects.toThrow(/feed\.json is not JSON/);
      await expect(readFeed(path.join(dir, 'missing.json'))).rejects.toThrow(/missing\.json cannot be read: ENOENT/);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });
});

describe('the daily briefing hour', () => {
  it('is the hour on the wall clock of the time zone, daylight saving included', () => {
    expect(new Date(zonedHour({ year: 2026, month: 7, day: 1 }, 7, 'Europe/London')).toISOString()).toBe(
      '2026-07-01T06:00:00.000Z',
    );
    expect(new Date(zonedHour({ year: 2026, month: 12, day: 1 }, 7, 'Europe/London')).toISOString()).toBe(
      '2026-12-01T07:00:00.000Z',
    );
    expect(new Date(zonedHour({ year: 2026, month: 12, day: 1 }, 7, 'Asia/Tokyo')).toISOString()).toBe(
      '2026-11-30T22:00:00.000Z',
    );
  });

  it('is today once the hour has come, yesterday before; it covers the 24 hours (or 25) before it', () => {
    const before = latestBriefing(Date.parse('2026-10-25T06:59:00Z'), 7, 'Europe/London');
    expect(before.date).toBe('2026-10-24');
    const after = latestBriefing(Date.parse('2026-10-25T07:00:00Z'), 7, 'Europe/London');
    expect(after).toEqual({
      date: '2026-10-25',
      from: Date.parse('2026-10-24T06:00:00Z'),
      until: Date.parse('2026-10-25T07:00:00Z'),
    });
  });
});
