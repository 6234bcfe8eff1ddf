import type { TestProject } from 'vitest/node';
import { startServiceProcess } from './comment-service.ts';
import { buildSite, makeFixtureContent } from './site-build.ts';
import { freePort } from '../../src/utils/ports.ts';
import { serveStatic } from './static-server.ts';
import { launchBrowserServer } from './browser.ts';

declare module 'vitest' {
  export interface ProvidedContext {
    /** The fixture site built at the root path (SITE_URL https://news.example.com). */
    siteDir: string;
    /** The same site built under BASE_PATH=/news/ (SITE_URL https://example.com). */
    newsSiteDir: string;
    fixtureContentDir: string;
    /** siteDir served on loopback for the whole run ("http://127.0.0.1:PORT"). */
    siteOrigin: string;
    /** newsSiteDir served under /news/ on loopback for the whole run. */
    newsSiteOrigin: string;
    /** The reference comment service both builds post to (a fresh database, running for the whole run). */
    commentsEndpoint: string;
    /** The run's one Chromium, which test files connect to (connectBrowser in browser.ts). */
    browserEndpoint: string;
  }
}

/**
 * Builds the fixture site once (at the root and under /news/) for every test file that
 * reads built output, and serves both on loopback next to a real comment service, as a
 * reader would meet them: the site's origins are the service's allowed origins.
 */
export default async function setup(project: TestProject) {
  const contentDir = await makeFixtureContent();
  const [rootPort, newsPort] = [await freePort(), await freePort()];
  const siteOrigin = `http://127.0.0.1:${rootPort}`;
  const newsSiteOrigin = `http://127.0.0.1:${newsPort}`;
  // The browser tests fill and send the form within a second of loading the page, and send the same
  // texts again: the minimum time and the duplicate check are off here and tested in comment-spam.test.ts.
  const service = await startServiceProcess({
    COMMENTS_ALLOWED_ORIGINS: `${siteOrigin},${newsSiteOrigin}`,
    COMMENTS_MIN_SUBMIT_SECONDS: '0',
    COMMENTS_DUPLICATE_HOURS: '0',
  });
  const comments = { COMMENTS_ENDPOINT: service.url };

  const site = await buildSite('root', contentDir, { SITE_URL: 'https://news.example.com', ...comments });
  const newsSite = await buildSite('news', contentDir, {
    SITE_URL: 'https://example.com',
    BASE_PATH: '/news/',
    ...comments,
  });
  const servers = [
    await serveStatic(site.outDir, { port: rootPort }),
    await serveStatic(newsSite.outDir, { base: '/news/', port: newsPort }),
  ];

  project.provide('siteDir', site.outDir);
  project.provide('newsSiteDir', newsSite.outDir);
  project.provide('fixtureContentDir', contentDir);
  project.provide('siteOrigin', siteOrigin);
  project.provide('newsSiteOrigin', newsSiteOrigin);
  project.provide('commentsEndpoint', service.url);
  const browserServer = await launchBrowserServer();
  project.provide('browserEndpoint', browserServer.wsEndpoint());

  return async () => {
    await Promise.all(servers.map((server) => server.close()));
    await service.stop();
    await browserServer.close();
  };
}
