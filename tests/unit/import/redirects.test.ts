import { describe, expect, it } from 'vitest';
import {
  parseRedirects,
  redirectPage,
  redirectPageFile,
  renderRedirectsFile,
  underBase,
} from '../../../src/deploy/redirects.ts';
import { nginxServerBlock } from '../../../src/deploy/nginx.ts';
import {
  archiveRedirects,
  entryRedirects,
  oldPath,
  renderContentRedirects,
} from '../../../src/import/wordpress/redirects.ts';

const site = 'https://old.example';

describe('old WordPress addresses', () => {
  it('redirects a post’s permalink and its ?p= address, but not a page to itself', () => {
    expect(
      entryRedirects({ link: `${site}/2022/08/08/story/`, id: '101', type: 'post' }, '/articles/story/', site),
    ).toEqual([
      { from: '/2022/08/08/story/', query: {}, to: '/articles/story/', status: 301 },
      { from: '/', query: { p: '101' }, to: '/articles/story/', status: 301 },
    ]);
    expect(entryRedirects({ link: `${site}/about/`, id: '140', type: 'page' }, '/about/', site)).toEqual([
      { from: '/', query: { page_id: '140' }, to: '/about/', status: 301 },
    ]);
    expect(oldPath('https://elsewhere.example/x/', site)).toBeNull();
  });

  it('sends category and tag archives of published tags, and their feeds, to the tag pages and their feeds', () => {
    const redirects = archiveRedirects(
      [
        { taxonomy: 'category', archivePath: 'world/southeast-asia', name: 'Southeast Asia' },
        { taxonomy: 'post_tag', archivePath: 'asean', name: 'ASEAN' },
        { taxonomy: 'post_tag', archivePath: 'unused', name: 'Unused' },
      ],
      new Set(['southeast-asia', 'asean']),
    );
    expect(redirects.map((r) => `${r.from} ${r.to}`)).toEqual([
      '/category/world/southeast-asia/ /tags/southeast-asia/',
      '/category/world/southeast-asia/feed/ /tags/southeast-asia/rss.xml',
      '/tag/asean/ /tags/asean/',
      '/tag/asean/feed/ /tags/asean/rss.xml',
    ]);
  });

  it('writes content/_redirects that the build reads back', () => {
    const written = renderContentRedirects(
      [
        { from: '/2022/08/08/story/', query: {}, to: '/articles/story/', status: 301 },
        { from: '/', query: { p: '101' }, to: '/articles/story/', status: 301 },
      ],
      site,
    );
    expect(parseRedirects(written)).toEqual({
      redirects: [
        { from: '/2022/08/08/story/', query: {}, to: '/articles/story/', status: 301 },
        { from: '/', query: { p: '101' }, to: '/articles/story/', status: 301 },
      ],
      problems: [],
    });
  });
});

describe('redirects in the build', () => {
  const rules = underBase(
    parseRedirects('/old/story/ /articles/story/ 301\n/ p=7 /articles/story/\n/x/* /y/ 301\n').redirects,
    '/news/',
  );

  it('puts targets under the base path and reports what it cannot serve', () => {
    expect(rules.map((r) => r.to)).toEqual(['/news/articles/story/', '/news/articles/story/']);
    expect(parseRedirects('/x/* /y/ 301').problems).toEqual([
      'line 1: splats and placeholders are not supported (/x/*)',
    ]);
  });

  it('writes each path rule forced for Netlify and plain for Cloudflare Pages, query rules once', () => {
    expect(renderRedirectsFile(rules).split('\n').slice(1)).toEqual([
      '/old/story/ /news/articles/story/ 301!',
      '/old/story/ /news/articles/story/ 301',
      '/ p=7 /news/articles/story/ 301!',
      '',
    ]);
  });

  it('leaves a page with a meta refresh and a canonical link at old paths inside the base', () => {
    const html = redirectPage('/articles/story/', 'https://news.example.com/articles/story/');
    expect(html).toContain('<meta http-equiv="refresh" content="0; url=/articles/story/">');
    expect(html).toContain('<link rel="canonical" href="https://news.example.com/articles/story/">');
    expect(redirectPageFile('/2022/08/08/story/', '/')).toBe('2022/08/08/story/index.html');
    expect(redirectPageFile('/archives/12.html', '/')).toBe('archives/12.html');
    expect(redirectPageFile('/2022/story/', '/news/')).toBeNull();
    expect(redirectPageFile('/%2e%2e/etc/', '/')).toBeNull();
  });

  it('gives nginx an exact location per old path and a map for ?p=', () => {
    const block = nginxServerBlock({
      listen: '80',
      sites: [
        {
          base: '/',
          root: '/srv/site',
          rules: [],
          redirects: underBase(
            parseRedirects('/old/story/ /articles/story/ 301\n/ p=7 /articles/story/ 301').redirects,
            '/',
          ),
        },
      ],
    });
    expect(block).toContain('location = "/old/story/" { return 301 "/articles/story/"; }');
    expect(block).toContain('location = "/old/story" { return 301 "/articles/story/"; }');
    expect(block).toMatch(/^map \$arg_p \$redirect_0_p \{\n {2}default "";\n {2}"7" "\/articles\/story\/";\n\}/);
    expect(block).toContain('if ($redirect_0_p) { return 301 $redirect_0_p; }');
  });
});
