/**
 * The string pool the build keeps per-page values in: a copy equal to what it was given, one copy
 * per distinct value, lone surrogates and all.
 */
import { describe, expect, it } from 'vitest';
import { StringPool } from '../../../src/build-cache/string-pool.ts';

describe('StringPool', () => {
  it('returns an equal string, and the same copy for equal values read from different texts', () => {
    const pool = new StringPool();
    const pageA = `<meta content="default-src 'self'">${'x'.repeat(50_000)}`;
    const pageB = `${'y'.repeat(20_000)}<meta content="default-src 'self'">`;
    const fromA = pool.own(pageA.slice(15, 33));
    const fromB = pool.own(pageB.slice(20_015, 20_033));
    expect(fromA).toBe("default-src 'self'");
    expect(fromB).toBe(fromA);
    expect(pool.own('other')).toBe('other');
    expect(pool.size).toBe(2);
  });

  it('keeps lone surrogates and empty strings as they are', () => {
    const pool = new StringPool();
    expect(pool.own('a\ud800b')).toBe('a\ud800b');
    expect(pool.own('')).toBe('');
  });
});
