import { defineConfig } from 'vitest/config';

/** Unit tests alone: no site build, no global setup (npm test runs them too, with everything else). */
export default defineConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    include: ['tests/unit/**/*.test.ts'],
  },
});
