/**
 * node --experimental-strip-types tools/media-screenshots.ts --dist <build> [--out screenshots/media]
 *
 * Screenshots of the fixture story with a gallery and embeds (tests/support/media-fixture.ts) in a
 * build served by nginx with its generated headers: at 320 and 1280 px, light and dark, before
 * and after clicking every embed (the providers' hosts answered by a local stub, since they are
 * out of reach), plus the share card of a headline in each script (tests/support/script-headlines.ts)
 * with its drawing time. Build the fixture site first (the e2e global setup or tools/screenshots.ts do).
 */
import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { cardTree } from '../src/share-images/card.ts';
import { drawCardTree } from '../src/share-images/draw-tree.ts';
import { launchBrowser } from '../tests/support/browser.ts';
import { mediaArticleId } from '../tests/support/media-fixture.ts';
import { startNginx } from '../tests/support/nginx.ts';
import { colorSchemes } from '../tests/support/pages.ts';
import { projectRoot } from '../tests/support/project.ts';
import { scriptHeadlines } from '../tests/support/script-headlines.ts';

const { values } = parseArgs({
  options: {
    dist: { type: 'string' },
    base: { type: 'string', default: '/' },
    out: { type: 'string', default: path.join(projectRoot, 'screenshots', 'media') },
  },
});
if (!values.dist) throw new Error('--dist <build folder> is required');

const stub = (url: string) =>
  `<!doctype html><body style="margin:0;display:grid;place-items:center;height:100vh;background:#222;color:#eee;font:16px sans-serif">` +
  `<p>Provider stub for ${new URL(url).host}</p></body>`;

await mkdir(values.out, { recursive: true });
const server = await startNginx([{ base: values.base, dir: path.resolve(values.dist) }]);
const browser = await launchBrowser();
try {
  for (const scheme of colorSchemes) {
    for (const width of [320, 1280]) {
      const context = await browser.newContext({
        viewport: { width, height: 900 },
        colorScheme: scheme,
        reducedMotion: 'reduce',
      });
      await context.route(/^https:\/\//, (route) =>
        route.fulfill({ status: 200, contentType: 'text/html', body: stub(route.request().url()) }),
      );
      const page = await context.newPage();
      await page.goto(`${server.origin}${values.base}articles/${mediaArticleId}/`);
      const body = page.locator('article.article');
      await body.screenshot({ path: path.join(values.out, `media-${width}-${scheme}-before.png`) });
      while ((await page.locator('a[data-embed-src]').count()) > 0) {
        const link = page.locator('a[data-embed-src]').first();
        // Later real clicks would go to the frame that took the focus in headless Chromium (see tests/e2e/deploy/embeds-csp.test.ts).
        await link.dispatchEvent('click', { button: 0 });
      }
      for (const frame of page.frames().filter((candidate) => candidate !== page.mainFrame()))
        await frame.waitForLoadState('load');
      // Chromium paints cross-origin frames only inside the viewport: make it as tall as the page.
      await page.setViewportSize({ width, height: await page.evaluate(() => document.documentElement.scrollHeight) });
      await page.waitForTimeout(500);
      await body.screenshot({ path: path.join(values.out, `media-${width}-${scheme}-after.png`) });
      await context.close();
    }
  }
} finally {
  await browser.close();
  await server.close();
}

await mkdir(path.join(values.out, 'cards'), { recursive: true });
for (const [script, headline] of Object.entries({
  Latin: 'Russia reaffirms deepening ties with Myanmar as sanctions bite',
  ...scriptHeadlines,
})) {
  const tree = cardTree({
    headline,
    kicker: 'World',
    dek: 'The standfirst, in English here.',
    byline: 'By Ahmed Adel',
    date: '8 August 2022',
    siteName: 'The Meridian',
    siteHost: 'news.example.com',
  });
  await drawCardTree(projectRoot, tree, 1200, 630); // the first drawing loads and parses the fonts
  const times: number[] = [];
  let png: Buffer | undefined;
  for (let run = 0; run < 10; run++) {
    const started = performance.now();
    png = await drawCardTree(projectRoot, tree, 1200, 630);
    times.push(performance.now() - started);
  }
  times.sort((a, b) => a - b);
  await writeFile(path.join(values.out, 'cards', `${script}.png`), png!);
  console.log(`${script.padEnd(11)} median ${times[5]!.toFixed(0)} ms per card (10 draws, fonts loaded)`);
}
console.log(`screenshots in ${values.out}`);
