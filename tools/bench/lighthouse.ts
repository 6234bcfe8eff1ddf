import { createReadStream, createWriteStream } from 'node:fs';
import { readdir } from 'node:fs/promises';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import { createGzip } from 'node:zlib';
import sirv from 'sirv';
import { findChromium, installHint } from '../../tests/support/browser.ts';
import { measurePage } from '../../tests/support/page-weight.ts';
import { loadLighthouse, type LighthouseReport } from './bench-tools.ts';
import type { LighthouseResult } from './report.ts';

/** Writes a .gz beside every text file, so that the server answers compressed as static hosts do. */
async function precompress(dir: string): Promise<void> {
  const entries = await readdir(dir, { recursive: true, withFileTypes: true });
  for (const entry of entries) {
    if (!entry.isFile() || !/\.(html|css|js|svg|xml|json|txt)$/.test(entry.name)) continue;
    const file = path.join(entry.parentPath, entry.name);
    await pipeline(createReadStream(file), createGzip({ level: 9 }), createWriteStream(`${file}.gz`));
  }
}

/** Serves a built site on loopback with gzip and long-lived caching of hashed assets. */
async function serveCompressed(dir: string): Promise<{ origin: string; close: () => void }> {
  await precompress(dir);
  const files = sirv(dir, {
    gzip: true,
    etag: true,
    extensions: ['html'],
    setHeaders: (res, pathname) => {
      if (pathname.startsWith('/_astro/')) res.setHeader('Cache-Control', 'public, max-age=31536000, immutable');
    },
  });
  const server = createServer((req, res) =>
    files(req, res, () => {
      res.statusCode = 404;
      createReadStream(path.join(dir, '404.html'))
        .on('error', () => res.end('Not found'))
        .pipe(res);
    }),
  );
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return { origin: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, close: () => server.close() };
}

const score = (value: number | null | undefined) => Math.round((value ?? 0) * 100);

type Report = LighthouseReport;

/** One page's scores and metrics from a Lighthouse report. */
function pageResult(page: string, { categories, audits }: Report, firstPaintKb: number): LighthouseResult {
  const metric = (id: string) => audits[id]?.numericValue ?? Number.NaN;
  return {
    page,
    scores: {
      performance: score(categories.performance?.score),
      accessibility: score(categories.accessibility?.score),
      bestPractices: score(categories['best-practices']?.score),
      seo: score(categories.seo?.score),
    },
    lcpMs: metric('largest-contentful-paint'),
    cls: metric('cumulative-layout-shift'),
    tbtMs: metric('total-blocking-time'),
    transferKb: metric('total-byte-weight') / 1024,
    firstPaintKb,
  };
}

/** Anything below 100 is worth a look: keeps the failing audits' titles in the log. */
function logFailingAudits(page: string, { audits }: Report): void {
  const failing = Object.values(audits).filter(
    (a) =>
      a.score !== null &&
      a.score < 0.9 &&
      a.scoreDisplayMode !== 'informative' &&
      a.scoreDisplayMode !== 'notApplicable',
  );
  for (const audit of failing)
    console.log(`  lighthouse ${page}: ${audit.id} scored ${audit.score} (${audit.displayValue ?? audit.title})`);
}

/** Runs Lighthouse (mobile defaults: Moto G Power screen, simulated slow 4G and 4x CPU slowdown) on pages of a built site. */
export async function runLighthouse(siteDir: string, pages: string[]): Promise<LighthouseResult[]> {
  const chromePath = findChromium();
  if (!chromePath) throw new Error(installHint);
  const { lighthouse, launch } = await loadLighthouse();
  const server = await serveCompressed(siteDir);
  const chrome = await launch({
    chromePath,
    chromeFlags: [
      '--headless=new',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-dev-shm-usage',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
    ],
  });
  const results: LighthouseResult[] = [];
  try {
    for (const page of pages) {
      const run = await lighthouse(`${server.origin}${page}`, { port: chrome.port, output: 'json', logLevel: 'error' });
      if (!run) throw new Error(`Lighthouse returned nothing for ${page}`);
      if (run.lhr.runtimeError) throw new Error(`Lighthouse on ${page}: ${run.lhr.runtimeError.message}`);
      const { weight } = await measurePage(siteDir, page);
      results.push(pageResult(page, run.lhr, (weight.html + weight.css + weight.fonts + weight.js) / 1024));
      logFailingAudits(page, run.lhr);
    }
  } finally {
    chrome.kill();
    server.close();
  }
  return results;
}
