/**
 * `--fetch-media` against a real HTTP server on loopback: what is downloaded, retried, refused
 * for its size, that a second run downloads nothing, and that a file replaced on the old site
 * under the same name replaces the stale copy (by ETag, or by size when the server sends no validators).
 */
import { existsSync } from 'node:fs';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { fetchMedia, mediaAddresses, plannedDownloads } from '../../../src/import/wordpress/fetch-media.ts';
import { wordpressFixture } from './fixture.ts';
import { startMediaServer, type MediaServer } from '../../support/wordpress-media-server.ts';

const site = { blog: 'https://meridianpost.wordpress.com', install: 'https://wordpress.com/' };
const files = 'https://meridianpost.files.wordpress.com';
const uploads = `${site.blog}/wp-content/uploads`;
let server: MediaServer;
const dirs: string[] = [];

beforeAll(async () => {
  server = await startMediaServer(path.join(wordpressFixture, 'media'));
});
afterAll(async () => {
  await server.close();
  await Promise.all(dirs.map((dir) => rm(dir, { recursive: true, force: true })));
});
const scratch = async () => {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'fetch-media-test-'));
  dirs.push(dir);
  return dir;
};

describe('which addresses are fetched', () => {
  it('finds uploads in src, srcset, links and shortcodes, once each, the original first', () => {
    const html =
      `<img src="${files}/2023/04/harbour-300x200.jpg?w=300" srcset="${files}/2023/04/harbour-1024x683.jpg 1024w, ${files}/2023/04/harbour.jpg 2000w">` +
      `[audio ${uploads}/2024/02/talk.wav] <a href="https://elsewhere.example/x.pdf">x</a>`;
    const plan = plannedDownloads(mediaAddresses(html), site);
    expect([...plan.keys()]).toEqual(['2023/04/harbour.jpg', '2024/02/talk.wav']);
    expect(plan.get('2023/04/harbour.jpg')).toEqual([
      '2023/04/harbour.jpg',
      '2023/04/harbour-300x200.jpg',
      '2023/04/harbour-1024x683.jpg',
    ]);
  });
});

describe('downloading from a mirror on loopback', () => {
  it('downloads every file, retries a busy server, and reports what is not there', async () => {
    const dir = await scratch();
    server.failNext('/wp-content/uploads/2024/02/talk.wav', 2);
    const seen: number[] = [];
    const addresses = [`${files}/2023/04/harbour.jpg`, `${uploads}/2024/02/talk.wav`, `${uploads}/2024/02/gone.jpg`];
    const result = await fetchMedia(addresses, {
      dir,
      site,
      origin: server.origin,
      concurrency: 2,
      retries: 3,
      progress: (state) => seen.push(state.done),
    });
    expect(result.downloaded).toBe(2);
    expect(result.failed).toEqual([
      {
        url: `${server.origin}/wp-content/uploads/2024/02/gone.jpg`,
        reason: `404 at ${server.origin}/wp-content/uploads/2024/02/gone.jpg`,
      },
    ]);
    expect(existsSync(path.join(dir, '2023/04/harbour.jpg'))).toBe(true);
    expect(existsSync(path.join(dir, '2024/02/talk.wav'))).toBe(true);
    expect(server.requests.get('/wp-content/uploads/2024/02/talk.wav')).toBe(3);
    expect(seen.sort()).toEqual([1, 2, 3]);

    // A second run only asks whether each file changed (ETag): the server answers 304 and nothing is downloaded.
    const again = await fetchMedia(addresses.slice(0, 2), { dir, site, origin: server.origin });
    expect(again).toMatchObject({ downloaded: 0, replaced: 0, present: 2, bytes: 0, failed: [] });
  });

  it('refuses a file over the size limit and leaves no partial file', async () => {
    const dir = await scratch();
    const result = await fetchMedia([`${files}/2023/04/harbour.jpg`], {
      dir,
      site,
      origin: server.origin,
      maxBytes: 100,
    });
    expect(result.failed[0]!.reason).toBe('larger than 100 bytes');
    expect(existsSync(path.join(dir, '2023/04/harbour.jpg'))).toBe(false);
    expect(existsSync(path.join(dir, '2023/04/harbour.jpg.part'))).toBe(false);
  });

  it('replaces a file changed on the old site under the same name, and downloads nothing when nothing changed', async () => {
    for (const validators of [true, false]) {
      const root = await scratch();
      await cp(path.join(wordpressFixture, 'media'), root, { recursive: true });
      const mirror = await startMediaServer(root, { validators });
      try {
        const dir = await scratch();
        const addresses = [`${files}/2023/04/harbour.jpg`, `${uploads}/2024/02/wind-farm.pdf`];
        const options = { dir, site, origin: mirror.origin };
        expect(await fetchMedia(addresses, options)).toMatchObject({ downloaded: 2, replaced: 0 });
        expect(await fetchMedia(addresses, options), `validators: ${validators}`).toMatchObject({
          downloaded: 0,
          replaced: 0,
          present: 2,
          bytes: 0,
        });
        // The newsroom replaced the PDF in WordPress, same name, new contents (and a new size).
        await writeFile(path.join(root, '2024/02/wind-farm.pdf'), '%PDF-1.4 the corrected wind farm report\n');
        expect(await fetchMedia(addresses, options)).toMatchObject({ downloaded: 0, replaced: 1, present: 1 });
        expect(await readFile(path.join(dir, '2024/02/wind-farm.pdf'), 'utf8')).toContain('corrected');
        expect(await fetchMedia(addresses, options)).toMatchObject({ downloaded: 0, replaced: 0, present: 2 });
      } finally {
        await mirror.close();
      }
    }
  });
});
