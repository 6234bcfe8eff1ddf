import type { TestProject } from 'vitest/node';
import { buildSite, makeFixtureContent } from './site-build.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The fixture site built at the root path. */
    siteDir: string;
    fixtureContentDir: string;
  }
}

/** Builds the fixture site once for every test file that reads built HTML. */
export default async function setup(project: TestProject) {
  const contentDir = await makeFixtureContent();
  const site = await buildSite('root', contentDir);
  project.provide('siteDir', site.outDir);
  project.provide('fixtureContentDir', contentDir);
}
