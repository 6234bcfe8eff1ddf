import { describe, expect, it } from 'vitest';
import { countOption, listOption } from '../../../tools/load-options.ts';

describe('the load tools’ options', () => {
  const targets = ['node', 'worker'] as const;

  it('take a list of known names, once each, in the order given', () => {
    expect(listOption('target', 'worker,node,worker', targets)).toEqual(['worker', 'node']);
    expect(listOption('target', ' node , ', targets)).toEqual(['node']);
  });

  it('name the flag, the unknown values and what is allowed', () => {
    expect(() => listOption('target', 'node,wroker,pg', targets)).toThrow(
      '--target: unknown "wroker", "pg"; one or more of node, worker',
    );
    expect(() => listOption('only', ',', targets)).toThrow('--only: empty; one or more of node, worker');
  });

  it('take counts in digits, with underscores, at least the minimum', () => {
    expect(countOption('thread', '20_000')).toBe(20_000);
    expect(countOption('seconds', '5')).toBe(5);
    expect(countOption('rounds', '0', 0)).toBe(0);
  });

  it('refuse counts that are not whole numbers at least the minimum', () => {
    for (const value of ['', '1.5', '-3', '1e3', 'ten', '0', '99999999999999999999'])
      expect(() => countOption('seconds', value), value).toThrow(
        /^--seconds: ".*" is not a whole number of at least 1$/,
      );
  });
});
