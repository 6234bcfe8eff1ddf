import { defineConfig } from 'vitest/config';

/** The fast tests: in-process, no build, no child processes. */
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['tests/unit/**/*.test.ts'],
  },
});
