import { describe, expect, it } from 'vitest';
import { readBuildSettings } from '../../src/build-settings.ts';

describe('build settings', () => {
  it('has working defaults: the local site and the local comment service', () => {
    expect(readBuildSettings({})).toEqual({
      siteUrl: 'http://localhost:4321',
      basePath: '/',
      contentDir: './content',
      outDir: './dist',
      cacheDir: './node_modules/.astro',
      comments: {
        provider: 'service',
        endpoint: 'http://localhost:8787',
        origin: 'http://localhost:8787',
        serviceUrl: 'http://localhost:8787',
        loaderTimeoutMs: 5000,
        offlineOk: false,
      },
      cloudflarePages: false,
      cms: {
        backend: { repo: 'OWNER/REPOSITORY', branch: 'main', authUrl: undefined },
        localBackendUrl: 'http://127.0.0.1:8081/api/v1',
        gitRepoDirectory: undefined,
      },
    });
  });

  it('writes _headers for Cloudflare Pages only in its builds (CF_PAGES=1)', () => {
    expect(readBuildSettings({ CF_PAGES: '1' }).cloudflarePages).toBe(true);
    expect(readBuildSettings({ NETLIFY: 'true' }).cloudflarePages).toBe(false);
  });

  it.each(['news', '/news', '/news/', ' news/ '])('reads BASE_PATH %j as /news/', (value) => {
    expect(readBuildSettings({ BASE_PATH: value }).basePath).toBe('/news/');
  });

  it('takes the comment form origin (for the CSP) from the endpoint, without its path', () => {
    const { comments } = readBuildSettings({ COMMENTS_ENDPOINT: 'https://comments.example.com/api/' });
    expect(comments).toMatchObject({
      endpoint: 'https://comments.example.com/api',
      origin: 'https://comments.example.com',
    });
    const formspree = readBuildSettings({
      COMMENTS_PROVIDER: 'formspree',
      COMMENTS_ENDPOINT: 'https://formspree.io/f/abc',
    });
    expect(formspree.comments).toMatchObject({ origin: 'https://formspree.io', serviceUrl: null });
  });

  it('has no comment origin when the form posts to the site itself or there is no form', () => {
    expect(readBuildSettings({ COMMENTS_PROVIDER: 'netlify' }).comments).toMatchObject({
      origin: undefined,
      serviceUrl: null,
    });
    expect(readBuildSettings({ COMMENTS_PROVIDER: 'none' }).comments).toMatchObject({
      origin: undefined,
      serviceUrl: null,
    });
  });

  it('names every bad variable in one error', () => {
    const read = () => readBuildSettings({ SITE_URL: 'news.example.com', COMMENTS_PROVIDER: 'disqus' });
    expect(read).toThrow(/SITE_URL must be the site's http\(s\) address/);
    expect(read).toThrow(/COMMENTS_PROVIDER must be one of service, netlify, formspree, staticman, none; got "disqus"/);
  });

  it.each(['comments.example.com', 'ftp://example.com'])('refuses COMMENTS_ENDPOINT %j', (value) => {
    expect(() => readBuildSettings({ COMMENTS_ENDPOINT: value })).toThrow(/COMMENTS_ENDPOINT must be an http\(s\) URL/);
  });

  it('asks for the form URL of providers that need one', () => {
    expect(() => readBuildSettings({ COMMENTS_PROVIDER: 'formspree' })).toThrow(/Formspree form URL/);
    expect(() => readBuildSettings({ COMMENTS_PROVIDER: 'staticman' })).toThrow(/Staticman entry URL/);
  });
});
