/// <reference types="vitest/config" />
import { getViteConfig } from 'astro/config';

/**
 * Two speeds, one config: `unit` (pure modules, components through Astro's container API, the
 * comment service in-process; no build) and `e2e` (real builds, nginx, Chromium, processes; the
 * fixture site is built once for all of them in global-setup.ts).
 * npm run test:unit / test:e2e run one; npm test runs both.
 */
export default getViteConfig({
  test: {
    root: new URL('..', import.meta.url).pathname,
    reporters: ['default', './tests/support/summary-reporter.ts'],
    // Builds and browsers share two cores: more workers only make each slower.
    maxWorkers: 2,
    projects: [
      {
        extends: true,
        // A timeout catches a hang, not slowness: drawing share cards takes 2 s alone and 20 s beside a build.
        test: {
          name: 'unit',
          include: ['tests/unit/**/*.test.ts'],
          testTimeout: 120_000,
          // The unit files share each worker's modules instead of importing Astro, Vite and the service
          // again per file: 566 tests took 76 CPU-seconds isolated and 32 shared (the same tests pass).
          // A unit test that leaves state behind (env, module caches, timers) must clean it up.
          isolate: false,
        },
      },
      {
        extends: true,
        test: {
          name: 'e2e',
          include: ['tests/e2e/**/*.test.ts'],
          globalSetup: ['tests/support/global-setup.ts'],
          testTimeout: 120_000,
          hookTimeout: 600_000,
          // expect.poll gives up after 1 s by default: a browser on a loaded 2-core CI machine can
          // take longer than that to reload a page, and a poll that gives up early is a false failure.
          expect: { poll: { timeout: 30_000, interval: 100 } },
        },
      },
    ],
  },
});
