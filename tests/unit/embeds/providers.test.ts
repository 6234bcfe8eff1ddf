import { describe, expect, it } from 'vitest';
import { embedDirectives, resolveEmbed, youtubeEmbed } from '../../../src/embeds/providers.ts';
import { addDirectives, removeDirectives } from '../../../src/deploy/csp.ts';

describe('embed providers', () => {
  it('plays YouTube from youtube-nocookie.com and links to youtube.com', () => {
    expect(youtubeEmbed('aqz-KE-bpKQ', 75)).toEqual({
      provider: 'youtube',
      href: 'https://www.youtube.com/watch?v=aqz-KE-bpKQ&t=75s',
      frameSrc: 'https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1&start=75',
    });
    expect(resolveEmbed('https://youtu.be/aqz-KE-bpKQ').frameSrc).toBe(
      'https://www.youtube-nocookie.com/embed/aqz-KE-bpKQ?autoplay=1',
    );
    expect(() => youtubeEmbed('not-an-id')).toThrow(/not a YouTube video id/);
  });

  it.each([
    [
      'https://twitter.com/example/status/1570000000000000000',
      'x',
      'https://platform.twitter.com/embed/Tweet.html?id=1570000000000000000&dnt=true',
    ],
    [
      'https://bsky.app/profile/reporter.example.com/post/3kabc2defgh2x',
      'bluesky',
      'https://embed.bsky.app/embed/reporter.example.com/app.bsky.feed.post/3kabc2defgh2x',
    ],
    ['https://www.instagram.com/p/C0abcdEFGhi/', 'instagram', 'https://www.instagram.com/p/C0abcdEFGhi/embed/'],
    [
      'https://www.tiktok.com/@newsroom/video/7300000000000000000',
      'tiktok',
      'https://www.tiktok.com/embed/v2/7300000000000000000',
    ],
  ])('%s is a %s embed', (url, provider, frameSrc) => {
    expect(resolveEmbed(url)).toMatchObject({ provider, frameSrc });
  });

  it('frames an OpenStreetMap location around its marker', () => {
    const map = resolveEmbed('https://www.openstreetmap.org/#map=12/16.8000/96.1500');
    expect(map.provider).toBe('openstreetmap');
    const frame = new URL(map.frameSrc);
    expect(frame.origin).toBe('https://www.openstreetmap.org');
    expect(frame.searchParams.get('marker')).toBe('16.8,96.15');
    const [west, south, east, north] = frame.searchParams.get('bbox')!.split(',').map(Number) as [
      number,
      number,
      number,
      number,
    ];
    expect(west).toBeLessThan(96.15);
    expect(east).toBeGreaterThan(96.15);
    expect(south).toBeLessThan(16.8);
    expect(north).toBeGreaterThan(16.8);
  });

  it('refuses what it cannot embed, saying why', () => {
    expect(() => resolveEmbed('https://example.com/video/1')).toThrow(/cannot embed "https:\/\/example.com\/video\/1"/);
    expect(() => resolveEmbed('http://x.com/a/status/1')).toThrow(/https/);
    expect(() => resolveEmbed('x.com/a/status/1')).toThrow(/not an absolute URL/);
    expect(() => resolveEmbed('https://x.com/example')).toThrow(/one post/);
  });

  it('grows frame-src by the providers used, once each, in a stable order', () => {
    expect(embedDirectives([])).toEqual([]);
    expect(embedDirectives(['youtube', 'x', 'youtube', 'unknown'])).toEqual([
      'frame-src https://platform.twitter.com https://www.youtube-nocookie.com',
    ]);
  });

  it('adds and removes exactly those sources from a policy', () => {
    const site = "default-src 'self'; img-src 'self'; script-src 'self' 'sha256-abc='";
    const page = addDirectives(site, embedDirectives(['youtube']));
    expect(page).toBe(`${site}; frame-src https://www.youtube-nocookie.com`);
    expect(removeDirectives(page, embedDirectives(['youtube']))).toBe(site);
    expect(removeDirectives("frame-src 'self' https://www.youtube-nocookie.com", embedDirectives(['youtube']))).toBe(
      "frame-src 'self'",
    );
  });
});
