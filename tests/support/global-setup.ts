import type { TestProject } from 'vitest/node';
import { buildSite, makeFixtureContent } from './site-build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The fixture site built at the root path (SITE_URL https://news.example.com). */
    siteDir: string;
    /** The same site built under BASE_PATH=/news/ (SITE_URL https://example.com). */
    newsSiteDir: string;
    fixtureContentDir: string;
  }
}

/** Builds the fixture site once (at the root and under /news/) for every test file that reads built output. */
export default async function setup(project: TestProject) {
  const contentDir = await makeFixtureContent();
  const site = await buildSite('root', contentDir, { SITE_URL: 'https://news.example.com' });
  const newsSite = await buildSite('news', contentDir, { SITE_URL: 'https://example.com', BASE_PATH: '/news/' });
  project.provide('siteDir', site.outDir);
  project.provide('newsSiteDir', newsSite.outDir);
  project.provide('fixtureContentDir', contentDir);
}
