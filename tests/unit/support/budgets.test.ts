import { describe, expect, it } from 'vitest';
import {
  checkFonts,
  checkImages,
  checkLoading,
  checkWeight,
  firstPaintTotal,
  cssImports,
  fontFaces,
  gzipSize,
  jsImports,
  pageReferences,
  scriptRole,
  type PageWeight,
} from '../../support/budgets.ts';

const light: PageWeight = {
  page: '/a/',
  html: 8000,
  css: 4000,
  fonts: 0,
  fontsAfterFirstPaint: 0,
  js: 0,
  renderBlockingJs: 0,
  jsOnUse: 0,
  fontFiles: [],
};

describe('byte budgets', () => {
  it('passes a light page', () => {
    expect(checkWeight(light)).toEqual([]);
  });

  it('names the page, the budget and the measured value when first paint is too heavy', () => {
    const [problem, ...rest] = checkWeight({ ...light, fonts: 20_000 });
    expect(rest).toEqual([]);
    expect(problem!.message).toBe(
      '/a/: first paint (HTML + CSS + fonts + JS, gzip) budget exceeded: 31.3 KB > 30.0 KB (HTML 7.8 KB, CSS 3.9 KB, fonts 19.5 KB, JS 0 B)',
    );
  });

  it('allows no render-blocking JavaScript at all, and 4 KB of enhancement', () => {
    expect(checkWeight({ ...light, js: 10, renderBlockingJs: 10 }).map((v) => v.budget)).toEqual([
      'render-blocking JavaScript',
    ]);
    expect(checkWeight({ ...light, js: 4096 })).toEqual([]);
    expect(checkWeight({ ...light, js: 4097 })[0]!.message).toContain(
      '/a/: enhancement JavaScript (gzip) budget exceeded: 4.0 KB > 4.0 KB',
    );
    // What loads only on use (a dynamic import) has its own 4 KB, apart from the first paint's.
    expect(checkWeight({ ...light, js: 4096, jsOnUse: 4096 })).toEqual([]);
    expect(checkWeight({ ...light, jsOnUse: 4097 }).map((v) => v.budget)).toEqual(['JavaScript loaded on use (gzip)']);
    expect(firstPaintTotal({ ...light, jsOnUse: 4096 })).toBe(firstPaintTotal(light));
  });

  it('flags a font file too large to be a subset', () => {
    const weight = { ...light, fonts: 90_000, fontFiles: [{ url: '/fonts/full.woff2', bytes: 90_000 }] };
    expect(checkWeight(weight).map((v) => v.budget)).toEqual([
      'first paint (HTML + CSS + fonts + JS, gzip)',
      'web font file size',
    ]);
  });

  it('gzips at level 9', () => {
    expect(gzipSize('a'.repeat(10_000))).toBeLessThan(100);
  });
});

describe('what a page references', () => {
  const html = `<!doctype html><html><head>
    <link rel="stylesheet" href="/_astro/a.css"><link rel="preload" as="font" href="/f/serif.woff2" crossorigin>
    <style>p{color:red}</style>
    <script>console.log(1)</script>
    <script type="module" src="/_astro/comments.js"></script>
    <script type="application/ld+json">{"@type":"NewsArticle"}</script>
    <script src="/x.js" defer></script><script src="/y.js"></script>
  </head><body>
    <figure class="hero"><picture><source type="image/avif" srcset="/a-480.avif 480w, /a-800.avif 800w"><source type="image/webp" srcset="/a.webp 480w">
      <img src="/a.jpg" width="800" height="450" loading="eager"></picture></figure>
    <img src="/b.png" loading="lazy">
  </body></html>`;
  const refs = pageReferences(html);

  it('finds stylesheets, inline styles and font preloads', () => {
    expect(refs.stylesheets).toEqual(['/_astro/a.css']);
    expect(refs.inlineStyles).toEqual(['p{color:red}']);
    expect(refs.fontPreloads).toEqual(['/f/serif.woff2']);
  });

  it('tells render-blocking scripts from enhancements and data', () => {
    expect(refs.scripts.map((s) => [s.src ?? s.inline, s.role])).toEqual([
      ['console.log(1)', 'render-blocking'],
      ['/_astro/comments.js', 'enhancement'],
      ['{"@type":"NewsArticle"}', 'data'],
      ['/x.js', 'enhancement'],
      ['/y.js', 'render-blocking'],
    ]);
    expect(scriptRole({ type: 'text/javascript', async: true, src: '/z.js' })).toBe('enhancement');
    expect(scriptRole({ defer: true })).toBe('render-blocking'); // defer does nothing on inline scripts
    // A script inside a <template> is inert until the page's own script starts it.
    const inert = pageReferences('<template><script type="module" src="/box.js"></script></template>').scripts;
    expect(inert.map((s) => [s.src, s.role])).toEqual([['/box.js', 'on-use']]);
  });

  it('checks image dimensions and hero formats', () => {
    expect(refs.images.map((i) => i.hero)).toEqual([true, false]);
    expect(checkImages('/p/', refs.images).map((v) => v.message)).toEqual([
      '/p/: hero image srcset budget exceeded: image/webp source of /a.jpg has srcset "/a.webp 480w", needs 2+ widths',
      '/p/: image dimensions (no layout shift) budget exceeded: <img src="/b.png"> has width=(none) height=(none)',
    ]);
  });

  it('requires both modern formats on a hero image', () => {
    const [hero] = pageReferences('<figure class="hero"><img src="/h.jpg" width="1" height="1"></figure>').images;
    expect(checkImages('/p/', [hero!]).map((v) => v.budget)).toEqual(['hero image formats', 'hero image formats']);
  });
});

describe('fonts', () => {
  const css = `/* @font-face { font-family: Commented; } */
    @font-face{font-family:"Source Serif";font-display:swap;src:url(/f/serif.woff2) format("woff2"),url(/f/serif.woff) format("woff");unicode-range:U+0000-00FF}
    @font-face { font-family: Sans; src: url('/f/sans.ttf'); }`;

  it('reads @font-face rules', () => {
    expect(fontFaces(css)).toEqual([
      {
        family: 'Source Serif',
        display: 'swap',
        unicodeRange: 'U+0000-00FF',
        urls: ['/f/serif.woff2', '/f/serif.woff'],
      },
      { family: 'Sans', urls: ['/f/sans.ttf'] },
    ]);
  });

  it('requires swap and WOFF2, and preloads only of declared fonts', () => {
    const messages = checkFonts('/p/', fontFaces(css), ['/f/serif.woff2', '/f/other.woff2']).map((v) => v.message);
    expect(messages).toEqual([
      '/p/: font-display budget exceeded: @font-face "Sans" has font-display: (none), needs swap',
      '/p/: web font format budget exceeded: @font-face "Sans" loads /f/sans.ttf first; use a WOFF2 subset',
      '/p/: font preload budget exceeded: /f/other.woff2 is preloaded but no @font-face uses it',
    ]);
  });

  it('passes a page without web fonts', () => {
    expect(checkFonts('/p/', [], [])).toEqual([]);
  });

  it('leaves out metric-adjusted system fonts (local() only): they download nothing', () => {
    const local = "@font-face { font-family: 'Serif Fallback'; src: local('DejaVu Serif Bold'); size-adjust: 81%; }";
    expect(fontFaces(local)).toEqual([{ family: 'Serif Fallback', urls: [] }]);
    expect(checkFonts('/p/', fontFaces(local), [])).toEqual([]);
  });
});

describe('imports', () => {
  it('follows CSS @import and ES module imports, minified or not', () => {
    expect(cssImports('@import url("a.css");@import \'b.css\' layer(x);')).toEqual(['a.css', 'b.css']);
    expect(
      jsImports('import{a as b}from"./chunk.js";import"./side.js";const m=import("./lazy.js");export{x}from "./re.js"'),
    ).toEqual({ static: ['./chunk.js', './side.js', './re.js'], dynamic: ['./lazy.js'] });
    // As a minifier writes them; one built at run time cannot be followed.
    expect(jsImports('import{t}from`./helper.js`;e(()=>import(`./lazy.js`));import(`${base}pagefind.js`)')).toEqual({
      static: ['./helper.js'],
      dynamic: ['./lazy.js'],
    });
  });
});

describe('image loading', () => {
  it('wants the LCP image eager and images below the fold lazy', () => {
    const messages = checkLoading(
      '/p/',
      [
        { src: '/hero.avif', loading: 'lazy', top: 300, lcp: true },
        { src: '/inline.avif', loading: 'eager', top: 2000, lcp: false },
        { src: '/above.avif', loading: 'eager', top: 100, lcp: false },
        { src: '/below.avif', loading: 'lazy', top: 3000, lcp: false },
        { src: '/thumb.avif', loading: 'lazy', top: 500, lcp: false },
      ],
      800,
    ).map((v) => v.message);
    expect(messages).toEqual([
      '/p/: LCP image loading budget exceeded: the LCP image /hero.avif has loading="lazy"; load it eagerly',
      '/p/: below-the-fold image loading budget exceeded: /inline.avif starts at 2000px (viewport 800px) but is not loading="lazy"',
      '/p/: above-the-fold image loading budget exceeded: /thumb.avif starts at 500px, in the first screen (800px), but is loading="lazy"',
    ]);
  });
});
