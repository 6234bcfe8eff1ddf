/**
 * The fixture built as Cloudflare Pages builds it (CF_PAGES=1), served by `wrangler pages dev`:
 * Cloudflare's own asset server in workerd, applying `_headers` as Pages does (it joins the values
 * of every matching rule). Each path must get exactly one Content-Security-Policy, the same one
 * Netlify and nginx send for the ordinary build. Loopback only; wrangler downloads nothing.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, readFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { adminContentSecurityPolicy } from '../../../src/cms/admin-csp.ts';
import { headersFor, parseHeadersFile, type HeaderRule } from '../../../src/deploy/headers.ts';
import { freePort } from '../../../src/utils/ports.ts';
import { mediaArticleId } from '../../support/media-fixture.ts';
import { projectRoot, testRoot } from '../../support/project.ts';
import { buildSite } from '../../support/site-build.ts';

let wrangler: ChildProcess;
let origin: string;
let output = '';
let cloudflareHeaders: string;
/** The rules of the ordinary build, which Netlify and nginx serve. */
let netlifyRules: HeaderRule[];

beforeAll(async () => {
  const site = await buildSite('cloudflare', inject('fixtureContentDir'), {
    SITE_URL: 'https://news.example.com',
    COMMENTS_ENDPOINT: inject('commentsEndpoint'),
    CF_PAGES: '1',
  });
  cloudflareHeaders = await readFile(path.join(site.outDir, '_headers'), 'utf8');
  netlifyRules = parseHeadersFile(await readFile(path.join(inject('siteDir'), '_headers'), 'utf8'));
  const port = await freePort();
  origin = `http://127.0.0.1:${port}`;
  // Its own working folder: wrangler keeps local state (.wrangler/) there.
  const cwd = await mkdtemp(path.join(testRoot, 'pages-dev-'));
  wrangler = spawn(
    process.execPath,
    [
      path.join(projectRoot, 'node_modules/wrangler/bin/wrangler.js'),
      'pages',
      'dev',
      site.outDir,
      '--ip',
      '127.0.0.1',
      '--port',
      String(port),
      '--compatibility-date',
      '2026-11-01',
    ],
    {
      cwd,
      env: {
        ...process.env,
        CI: '1',
        WRANGLER_SEND_METRICS: 'false',
        CLOUDFLARE_CF_FETCH_ENABLED: 'false',
        NO_COLOR: '1',
      },
      stdio: ['ignore', 'pipe', 'pipe'],
    },
  );
  wrangler.stdout!.on('data', (chunk) => (output += chunk));
  wrangler.stderr!.on('data', (chunk) => (output += chunk));
  const started = Date.now();
  for (;;) {
    if (wrangler.exitCode !== null) throw new Error(`wrangler pages dev exited with ${wrangler.exitCode}:\n${output}`);
    if (Date.now() - started > 90_000) throw new Error(`wrangler pages dev did not answer:\n${output}`);
    const ready = await fetch(origin).then(
      (response) => response.ok,
      () => false,
    );
    if (ready) break;
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
});

afterAll(async () => {
  if (!wrangler || wrangler.exitCode !== null || wrangler.signalCode !== null) return;
  const exited = new Promise((resolve) => wrangler.once('exit', resolve));
  wrangler.kill('SIGTERM');
  await exited;
});

/** The status and headers (lower-case names) of a response from `wrangler pages dev`. */
async function served(urlPath: string): Promise<{ status: number; headers: Map<string, string> }> {
  const response = await fetch(new URL(urlPath, origin), { redirect: 'manual' });
  await response.arrayBuffer();
  return { status: response.status, headers: new Map(response.headers) };
}

describe('the Cloudflare Pages build, served by wrangler pages dev', () => {
  it('differs from the ordinary _headers only by a detach line in each folder rule', () => {
    const detached = cloudflareHeaders.match(/^ {2}! .*$/gm) ?? [];
    const folderPolicies = netlifyRules.filter(
      (rule) => rule.path !== '/*' && rule.headers.some(([name]) => name === 'Content-Security-Policy'),
    );
    expect(folderPolicies.map((rule) => rule.path)).toEqual([
      '/admin/*',
      `/articles/${mediaArticleId}/*`,
      // The search page alone may run WebAssembly (Pagefind), so it has a policy of its own.
      '/search/*',
    ]);
    expect(detached).toEqual(folderPolicies.map(() => '  ! Content-Security-Policy'));
    expect(parseHeadersFile(cloudflareHeaders.replace(/^ {2}! .*\n/gm, ''))).toEqual(netlifyRules);
  });

  it.each([
    ['the home page', '/'],
    ['the admin', '/admin/'],
    ['a page with embeds', `/articles/${mediaArticleId}/`],
    ['the search page', '/search/'],
    ['an asset', '/favicon.svg'],
  ])('sends %s exactly the headers Netlify and nginx send, one policy', async (_, urlPath) => {
    const { status, headers } = await served(urlPath);
    expect(status).toBe(200);
    for (const [name, value] of headersFor(netlifyRules, urlPath)) {
      expect(headers.get(name.toLowerCase()), name).toBe(value);
    }
  });

  it('gives the admin its own policy and the embedding page frame-src, never joined to the site’s', async () => {
    const policy = async (urlPath: string) => (await served(urlPath)).headers.get('content-security-policy')!;
    const [home, admin, embedding] = [
      await policy('/'),
      await policy('/admin/'),
      await policy(`/articles/${mediaArticleId}/`),
    ];
    expect(admin).toBe(adminContentSecurityPolicy());
    expect(embedding).toMatch(/frame-src https:/);
    expect(home).not.toMatch(/frame-src|'unsafe-eval'/);
    // Cloudflare joins the values of a header with ", "; a single policy has no comma.
    for (const value of [home, admin, embedding]) expect(value).not.toContain(',');
  });
});
