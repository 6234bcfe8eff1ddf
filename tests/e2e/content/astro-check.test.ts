import { expect, it } from 'vitest';
import { astro } from '../../support/project.ts';

it('astro check reports 0 errors, 0 warnings and 0 hints', async () => {
  const result = await astro(['check']);
  expect(result.output, result.output).toMatch(/Result \(\d+ files?\):\s*- 0 errors\s*- 0 warnings\s*- 0 hints/);
  expect(result.code).toBe(0);
});
