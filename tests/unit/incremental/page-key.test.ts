import { describe, expect, it } from 'vitest';
import { keyText, pageKeyMaker } from '../../../src/incremental/page-key.ts';

const entry = (id: string, digest: string, title: string) => ({
  id,
  collection: 'articles',
  digest,
  body: 'a long body '.repeat(100),
  data: { title, date: new Date('2022-09-20T07:00:00Z') },
});

describe('page cache keys', () => {
  const keyOf = pageKeyMaker({ year: 2026 });

  it('are equal for equal content and differ when anything shown differs', () => {
    const list = { page: 1, items: [entry('a', 'd1', 'A'), entry('b', 'd2', 'B')] };
    expect(keyOf(list)).toBe(keyOf(structuredClone(list)));
    expect(keyOf(list)).not.toBe(keyOf({ ...list, page: 2 }));
    expect(keyOf(list)).not.toBe(keyOf({ ...list, items: [entry('a', 'd1', 'A')] }));
    expect(keyOf(list)).not.toBe(keyOf({ ...list, items: [entry('a', 'd1', 'A'), entry('b', 'changed', 'B')] }));
    expect(keyOf(list)).not.toBe(keyOf({ ...list, items: [entry('a', 'd1', 'A'), entry('b', 'd2', 'B, retitled')] }));
  });

  it('change with what every page shows', () => {
    expect(pageKeyMaker({ year: 2027 })('same')).not.toBe(keyOf('same'));
  });

  it('stand for an entry by its identity, digest and data, not its body', () => {
    const text = keyText(entry('a', 'd1', 'A'));
    expect(text).not.toContain('a long body');
    expect(JSON.parse(text)).toEqual({
      entry: 'articles/a',
      digest: 'd1',
      data: { title: 'A', date: '2022-09-20T07:00:00.000Z' },
    });
  });
});
