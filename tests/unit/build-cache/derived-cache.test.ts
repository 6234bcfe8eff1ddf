import { mkdtemp } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { DerivedCache } from '../../../src/build-cache/derived-cache.ts';

describe('the derived-value cache', () => {
  it('computes a value once per text across builds, keeps only what the last build used, and starts over for another version', async () => {
    const file = path.join(await mkdtemp(path.join(os.tmpdir(), 'derived-')), 'cache.json');
    const computed: string[] = [];
    const length = (text: string) => {
      computed.push(text);
      return { length: text.length };
    };

    const first = await DerivedCache.load<{ length: number }>(file, 'v1');
    expect(first.get('alpha', length)).toEqual({ length: 5 });
    expect(first.get('alpha', length)).toEqual({ length: 5 });
    first.get('beta', length);
    await first.save();
    expect(computed).toEqual(['alpha', 'beta']);

    const second = await DerivedCache.load<{ length: number }>(file, 'v1');
    expect(second.get('alpha', length)).toEqual({ length: 5 });
    expect(computed).toEqual(['alpha', 'beta']);
    await second.save();

    const third = await DerivedCache.load<{ length: number }>(file, 'v1');
    third.get('beta', length);
    expect(computed).toEqual(['alpha', 'beta', 'beta']); // not used by the second build, so not kept

    const otherVersion = await DerivedCache.load<{ length: number }>(file, 'v2');
    otherVersion.get('alpha', length);
    expect(computed.at(-1)).toBe('alpha');
    expect(computed).toHaveLength(4);
  });
});
