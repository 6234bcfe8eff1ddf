/** Generated hostile comment posts: nasty strings, wrong types, broken bodies, odd content types. */
import { expect } from 'vitest';
import { siteOrigin } from './comment-app.ts';

export const hostileArticle = 'hostile-article';

/** A small seeded PRNG, so a failure can be reproduced. */
export function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const nasty = [
  '<script>alert(1)</script>',
  '"><img src=x onerror=alert(1)>',
  "'; DROP TABLE comments; --",
  "' OR '1'='1",
  'javascript:alert(1)',
  'data:text/html,<script>alert(1)</script>',
  '\u0000\u0001\u0007',
  '\u202e\u2028\u2029',
  '💥'.repeat(300),
  '',
  ' ',
  'a'.repeat(5001),
  'a'.repeat(15_000),
  '%00%ff%fe',
  '{{constructor.constructor("alert(1)")()}}',
  '__proto__',
  '../../etc/passwd',
  'https://example.com/<script>',
  'user@example.com',
  'https://ok.example/',
];

function value(next: () => number): unknown {
  const pick = next();
  if (pick < 0.55) return nasty[Math.floor(next() * nasty.length)];
  if (pick < 0.65) return Math.floor(next() * 1e9);
  if (pick < 0.7) return null;
  if (pick < 0.75) return true;
  if (pick < 0.82) return [value(next), value(next)];
  if (pick < 0.88) return { nested: { deeper: value(next) }, __proto__: { polluted: true } };
  return String.fromCharCode(...Array.from({ length: Math.floor(next() * 40) }, () => Math.floor(next() * 0xffff)));
}

const keys = [
  'article',
  'comment',
  'name',
  'email',
  'website',
  'parent',
  'hp',
  'redirect',
  '__proto__',
  'constructor',
  'x',
];

function payload(next: () => number): { body: BodyInit; type: string } {
  const kind = next();
  const record: Record<string, unknown> = {
    article: next() < 0.7 ? hostileArticle : value(next),
    comment: value(next),
    name: value(next),
  };
  for (const key of keys) if (next() < 0.3) record[key] = value(next);
  if (kind < 0.4) return { body: JSON.stringify(record), type: 'application/json' };
  if (kind < 0.75) {
    const params = new URLSearchParams();
    for (const [key, v] of Object.entries(record))
      params.append(key, typeof v === 'string' ? v : (JSON.stringify(v) ?? ''));
    return { body: params.toString(), type: 'application/x-www-form-urlencoded' };
  }
  if (kind < 0.85) {
    // Invalid UTF-8 and raw bytes.
    const bytes = new Uint8Array(Math.floor(next() * 2000));
    for (let i = 0; i < bytes.length; i++) bytes[i] = Math.floor(next() * 256);
    return { body: bytes, type: next() < 0.5 ? 'application/json' : 'application/x-www-form-urlencoded' };
  }
  if (kind < 0.92) {
    const depth = Math.floor(next() * 5000);
    return { body: '['.repeat(depth) + ']'.repeat(depth), type: 'application/json' };
  }
  const types = [
    'text/plain',
    'multipart/form-data; boundary=x',
    'application/xml',
    '',
    'application/json; charset=utf-16',
  ];
  return { body: '--x\r\ncontent', type: types[Math.floor(next() * types.length)]! };
}

/**
 * Posts `total` generated payloads to /comments through `request`, 25 at a time, and hands
 * each response and its text to `check`; returns how many answers had each status.
 */
export async function postHostile(
  request: (pathname: string, init: RequestInit) => Promise<Response>,
  total: number,
  check: (response: Response, text: string) => void = () => {},
): Promise<Map<number, number>> {
  const next = random(20261127);
  const statuses = new Map<number, number>();
  for (let batch = 0; batch < total / 25; batch++) {
    await Promise.all(
      Array.from({ length: 25 }, async () => {
        const { body, type } = payload(next);
        const headers: Record<string, string> = { Origin: siteOrigin };
        if (type) headers['Content-Type'] = type;
        if (next() < 0.7) headers.Accept = 'application/json';
        const response = await request('/comments', { method: 'POST', headers, body, redirect: 'manual' });
        const text = await response.text();
        statuses.set(response.status, (statuses.get(response.status) ?? 0) + 1);
        check(response, text);
      }),
    );
  }
  return statuses;
}

/**
 * Posts `total` hostile payloads and checks the service held: no 5xx and no HTML answer, some stored
 * and some refused, healthy afterwards, and what it lists is JSON with clean, bounded fields.
 */
export async function expectHostileFloodSurvived(
  request: (pathname: string, init?: RequestInit) => Promise<Response>,
  total: number,
): Promise<void> {
  const statuses = await postHostile(request, total, (response, text) => {
    expect(response.status, text).toBeLessThan(500);
    expect(response.headers.get('content-type') ?? '').not.toMatch(/html/);
  });
  expect([...statuses.values()].reduce((a, b) => a + b, 0)).toBe(total);
  // Some of each: more than one in 300 of the posts (10 of 3,000).
  const some = total / 300;
  expect(statuses.get(201)).toBeGreaterThan(some);
  expect(statuses.get(422)).toBeGreaterThan(some);

  const health = await request('/health');
  expect(health.status).toBe(200);
  const listing = await request(`/comments?article=${hostileArticle}`);
  expect(listing.headers.get('content-type')).toMatch(/^application\/json/);
  expect(listing.headers.get('x-content-type-options')).toBe('nosniff');
  const { comments } = await listing.json();
  expect(comments.length).toBeGreaterThan(some);
  for (const comment of comments) {
    expect(comment.website === null || /^https?:\/\//.test(comment.website)).toBe(true);
    expect(comment.name.length).toBeLessThanOrEqual(100);
    expect(comment.comment.length).toBeLessThanOrEqual(5000);
    expect([...comment.comment].some((c: string) => c.charCodeAt(0) <= 8)).toBe(false);
  }
}
