import { describe, expect, it } from 'vitest';
import { bundlerLogFilter, type BundlerLog } from '../../../src/build-log/bundler-warnings.ts';

describe('the bundler log filter', () => {
  const directive = (file: string): BundlerLog => ({
    code: 'MODULE_LEVEL_DIRECTIVE',
    message: `The semantics of the module level directive "use astro:head-inject" in "${file}" may not be preserved when bundling.`,
  });

  it('says the MDX directive warning once, and passes every other log through', () => {
    const seen: [string, BundlerLog][] = [];
    const filter = bundlerLogFilter();
    const handler = (level: string, log: BundlerLog) => seen.push([level, log]);
    for (const file of ['a.mdx', 'b.mdx', 'c.mdx']) filter('warn', directive(file), handler);
    const other: BundlerLog = {
      code: 'MODULE_LEVEL_DIRECTIVE',
      message: 'The module level directive "use client" in "x.js" ...',
    };
    filter('warn', other, handler);
    filter('info', { message: 'built in 2s' }, handler);
    expect(seen).toHaveLength(3);
    expect(seen[0]![0]).toBe('warn');
    expect(seen[0]![1].message).toMatch(/"use astro:head-inject".*shown once/);
    expect(seen.slice(1)).toEqual([
      ['warn', other],
      ['info', { message: 'built in 2s' }],
    ]);
  });
});
