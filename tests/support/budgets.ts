import { gzipSync } from 'node:zlib';
import { parse, type HTMLElement } from 'node-html-parser';

/**
 * Page budgets. Sizes are gzip bytes over the wire (zlib level 9 of each file),
 * except font files, which are already compressed and counted as they are.
 */
export const pageBudgets = {
  /** HTML + CSS + fonts + JavaScript a page loads before first paint. */
  firstPaintBytes: 30 * 1024,
  /** JavaScript that blocks rendering (classic scripts without async/defer). */
  renderBlockingScriptBytes: 0,
  /** Every script the page loads (comments, share, ...): progressive enhancement only. */
  enhancementScriptBytes: 4 * 1024,
  /** Scripts loaded only once the reader uses a part of the page (dynamic import()): not at first paint. */
  onUseScriptBytes: 4 * 1024,
  /** One web font file: a subset (Latin text face) is well under this; a full family is not. */
  fontFileBytes: 25 * 1024,
  /** Fonts preloaded: only those used above the fold (body text and headline). */
  preloadedFonts: 2,
} as const;

export type BudgetName = keyof typeof pageBudgets;

export function gzipSize(content: string | Uint8Array): number {
  return gzipSync(content, { level: 9 }).length;
}

export function formatBytes(bytes: number): string {
  return bytes < 1024 ? `${bytes} B` : `${(bytes / 1024).toFixed(1)} KB`;
}

export interface Violation {
  page: string;
  budget: string;
  message: string;
}

function violation(page: string, budget: string, detail: string): Violation {
  return { page, budget, message: `${page}: ${budget} budget exceeded: ${detail}` };
}

// ---------------------------------------------------------------------------
// What an HTML page references

/** `on-use`: inert in a `<template>` until the page's own script starts it (the subscribe box's on article pages). */
export type ScriptRole = 'render-blocking' | 'enhancement' | 'on-use' | 'data';

export interface PageScript {
  src?: string;
  /** Inline source; empty for external scripts. */
  inline: string;
  role: ScriptRole;
}

export interface PageImage {
  src: string;
  width?: string;
  height?: string;
  loading?: string;
  /** `<source>` elements of the enclosing `<picture>`, if any. */
  sources: { type?: string; srcset?: string }[];
  srcset?: string;
  /** Inside a hero figure (`figure.hero`) or marked fetchpriority=high: must come in modern formats. */
  hero: boolean;
}

export interface PageReferences {
  stylesheets: string[];
  inlineStyles: string[];
  scripts: PageScript[];
  fontPreloads: string[];
  images: PageImage[];
}

const jsTypes = new Set(['', 'text/javascript', 'application/javascript', 'module']);

/** Classifies a `<script>`: data blocks (JSON) are not JavaScript; classic scripts without async/defer block rendering. */
export function scriptRole(attrs: { type?: string; async?: boolean; defer?: boolean; src?: string }): ScriptRole {
  const type = (attrs.type ?? '').trim().toLowerCase();
  if (!jsTypes.has(type)) return 'data';
  if (type === 'module') return 'enhancement';
  if (attrs.async || (attrs.defer && attrs.src)) return 'enhancement';
  return 'render-blocking';
}

function relTokens(element: HTMLElement): string[] {
  return (element.getAttribute('rel') ?? '').toLowerCase().split(/\s+/).filter(Boolean);
}

/** Lists the stylesheets, scripts, font preloads and images a page references. */
export function pageReferences(html: string): PageReferences {
  const root = parse(html);
  const links = root.querySelectorAll('link');
  return {
    stylesheets: links
      .filter((link) => relTokens(link).includes('stylesheet') && link.getAttribute('href'))
      .map((link) => link.getAttribute('href')!),
    inlineStyles: root.querySelectorAll('style').map((style) => style.textContent),
    scripts: root.querySelectorAll('script').map((script) => {
      const src = script.getAttribute('src');
      const role = scriptRole({
        type: script.getAttribute('type'),
        async: script.hasAttribute('async'),
        defer: script.hasAttribute('defer'),
        src,
      });
      return {
        ...(src ? { src } : {}),
        inline: src ? '' : script.textContent,
        role: role !== 'data' && script.closest('template') ? 'on-use' : role,
      };
    }),
    fontPreloads: links
      .filter((link) => relTokens(link).includes('preload') && link.getAttribute('as') === 'font')
      .map((link) => link.getAttribute('href') ?? ''),
    images: root.querySelectorAll('img').map((img) => {
      const picture = img.parentNode?.tagName === 'PICTURE' ? img.parentNode : undefined;
      const attr = (name: string) => img.getAttribute(name) ?? undefined;
      const image: PageImage = {
        src: img.getAttribute('src') ?? '',
        sources: (picture?.querySelectorAll('source') ?? []).map((source) => ({
          type: source.getAttribute('type') ?? undefined,
          srcset: source.getAttribute('srcset') ?? undefined,
        })) as PageImage['sources'],
        hero: Boolean(img.closest('figure.hero')) || attr('fetchpriority') === 'high',
      };
      for (const name of ['width', 'height', 'loading', 'srcset'] as const) {
        const value = attr(name);
        if (value !== undefined) image[name] = value;
      }
      return image;
    }),
  };
}

// ---------------------------------------------------------------------------
// CSS and JavaScript

export interface FontFace {
  family: string;
  display?: string;
  unicodeRange?: string;
  /** URLs in `src`, in order; a browser downloads the first format it supports. */
  urls: string[];
}

function stripComments(css: string): string {
  return css.replace(/\/\*[\s\S]*?\*\//g, '');
}

function declaration(block: string, property: string): string | undefined {
  const match = new RegExp(`(?:^|[;{\\s])${property}\\s*:\\s*([^;}]+)`, 'i').exec(block);
  return match?.[1]?.trim();
}

/** The `@font-face` rules of a stylesheet. */
export function fontFaces(css: string): FontFace[] {
  const faces: FontFace[] = [];
  for (const match of stripComments(css).matchAll(/@font-face\s*{([^}]*)}/gi)) {
    const block = match[1] ?? '';
    const src = declaration(block, 'src') ?? '';
    const face: FontFace = {
      family: (declaration(block, 'font-family') ?? '').replace(/^["']|["']$/g, ''),
      urls: [...src.matchAll(/url\(\s*(["']?)([^"')]+)\1\s*\)/g)].map((url) => url[2]!),
    };
    const display = declaration(block, 'font-display');
    const unicodeRange = declaration(block, 'unicode-range');
    if (display) face.display = display.toLowerCase();
    if (unicodeRange) face.unicodeRange = unicodeRange;
    faces.push(face);
  }
  return faces;
}

/** `@import` targets of a stylesheet. */
export function cssImports(css: string): string[] {
  return [...stripComments(css).matchAll(/@import\s+(?:url\(\s*)?(["']?)([^"')\s;]+)\1/gi)].map((m) => m[2]!);
}

/**
 * Import specifiers of a (possibly minified) ES module: static ones load with it, dynamic ones
 * (`import("…")`) only when its code asks for them.
 */
export function jsImports(js: string): { static: string[]; dynamic: string[] } {
  const specifiers = new Set<string>();
  for (const m of js.matchAll(/\bimport\s*(?:[\w*${}\s,]+\s*from\s*)?(["'`])([^"'`$]+)\1/g)) specifiers.add(m[2]!);
  for (const m of js.matchAll(/\bfrom\s*(["'`])([^"'`$]+)\1/g)) specifiers.add(m[2]!);
  // Minifiers write import(`./chunk.js`) too; a specifier built at run time (`${base}x.js`) cannot be followed.
  const dynamic = new Set([...js.matchAll(/\bimport\(\s*(["'`])([^"'`$]+)\1\s*\)/g)].map((m) => m[2]!));
  return { static: [...specifiers].filter((specifier) => !dynamic.has(specifier)), dynamic: [...dynamic] };
}

// ---------------------------------------------------------------------------
// The checks

export interface PageWeight {
  /** The page, as a URL path ("/articles/x/"). */
  page: string;
  /** Gzip bytes per kind of resource loaded at first paint. */
  html: number;
  css: number;
  /** Fonts the first paint waits for: preloaded, or with a font-display other than swap/optional. */
  fonts: number;
  /** Fonts that swap in after the first paint (not preloaded, font-display: swap). */
  fontsAfterFirstPaint: number;
  js: number;
  renderBlockingJs: number;
  /** JavaScript only loaded when the reader uses part of the page (dynamic imports), not already loaded at first paint. */
  jsOnUse: number;
  /** Each font file the page's CSS names first in a `src`, with its size on disk. */
  fontFiles: { url: string; bytes: number }[];
}

export function firstPaintTotal(weight: PageWeight): number {
  return weight.html + weight.css + weight.fonts + weight.js;
}

/** Checks the byte budgets of one page. */
export function checkWeight(weight: PageWeight, budgets = pageBudgets): Violation[] {
  const problems: Violation[] = [];
  const total = firstPaintTotal(weight);
  if (total > budgets.firstPaintBytes) {
    problems.push(
      violation(
        weight.page,
        'first paint (HTML + CSS + fonts + JS, gzip)',
        `${formatBytes(total)} > ${formatBytes(budgets.firstPaintBytes)} ` +
          `(HTML ${formatBytes(weight.html)}, CSS ${formatBytes(weight.css)}, fonts ${formatBytes(weight.fonts)}, JS ${formatBytes(weight.js)})`,
      ),
    );
  }
  if (weight.renderBlockingJs > budgets.renderBlockingScriptBytes) {
    problems.push(
      violation(
        weight.page,
        'render-blocking JavaScript',
        `${formatBytes(weight.renderBlockingJs)} > ${formatBytes(budgets.renderBlockingScriptBytes)}: ` +
          'use type="module", defer or async so the page reads without JavaScript',
      ),
    );
  }
  if (weight.js > budgets.enhancementScriptBytes) {
    problems.push(
      violation(
        weight.page,
        'enhancement JavaScript (gzip)',
        `${formatBytes(weight.js)} > ${formatBytes(budgets.enhancementScriptBytes)}`,
      ),
    );
  }
  if (weight.jsOnUse > budgets.onUseScriptBytes) {
    problems.push(
      violation(
        weight.page,
        'JavaScript loaded on use (gzip)',
        `${formatBytes(weight.jsOnUse)} > ${formatBytes(budgets.onUseScriptBytes)}`,
      ),
    );
  }
  for (const file of weight.fontFiles) {
    if (file.bytes > budgets.fontFileBytes) {
      problems.push(
        violation(
          weight.page,
          'web font file size',
          `${file.url} is ${formatBytes(file.bytes)} > ${formatBytes(budgets.fontFileBytes)}: subset it`,
        ),
      );
    }
  }
  return problems;
}

/** Web fonts: font-display swap, WOFF2 first, preloads only of fonts the CSS declares, and few of them. */
export function checkFonts(
  page: string,
  faces: readonly FontFace[],
  preloads: readonly string[],
  budgets = pageBudgets,
): Violation[] {
  const problems: Violation[] = [];
  // Faces with only local() sources (metric-adjusted system fonts) download nothing.
  for (const face of faces.filter((candidate) => candidate.urls.length > 0)) {
    if (face.display !== 'swap') {
      problems.push(
        violation(
          page,
          'font-display',
          `@font-face "${face.family}" has font-display: ${face.display ?? '(none)'}, needs swap`,
        ),
      );
    }
    const first = face.urls[0];
    if (first && !/\.woff2(?:[?#]|$)/i.test(first)) {
      problems.push(
        violation(page, 'web font format', `@font-face "${face.family}" loads ${first} first; use a WOFF2 subset`),
      );
    }
  }
  const declared = new Set(faces.flatMap((face) => face.urls.map((url) => url.replace(/^.*\//, ''))));
  for (const preload of preloads) {
    if (!declared.has(preload.replace(/^.*\//, ''))) {
      problems.push(violation(page, 'font preload', `${preload} is preloaded but no @font-face uses it`));
    }
  }
  if (preloads.length > budgets.preloadedFonts) {
    problems.push(violation(page, 'font preloads', `${preloads.length} fonts preloaded > ${budgets.preloadedFonts}`));
  }
  return problems;
}

function srcsetWidths(srcset: string | undefined): number {
  return (srcset ?? '').split(',').filter((candidate) => /\s\d+w$/.test(candidate.trim())).length;
}

/** Images: intrinsic size on every `<img>`; hero images in AVIF and WebP with a responsive srcset. */
export function checkImages(page: string, images: readonly PageImage[]): Violation[] {
  const problems: Violation[] = [];
  for (const image of images) {
    const name = image.src || '(no src)';
    if (!/^\d+$/.test(image.width ?? '') || !/^\d+$/.test(image.height ?? '')) {
      problems.push(
        violation(
          page,
          'image dimensions (no layout shift)',
          `<img src="${name}"> has width=${image.width ?? '(none)'} height=${image.height ?? '(none)'}`,
        ),
      );
    }
    if (!image.hero) continue;
    for (const type of ['image/avif', 'image/webp']) {
      const source = image.sources.find((s) => s.type === type);
      if (!source) problems.push(violation(page, 'hero image formats', `<img src="${name}"> has no ${type} <source>`));
      else if (srcsetWidths(source.srcset) < 2) {
        problems.push(
          violation(
            page,
            'hero image srcset',
            `${type} source of ${name} has srcset "${source.srcset ?? ''}", needs 2+ widths`,
          ),
        );
      }
    }
  }
  return problems;
}

export interface LaidOutImage {
  src: string;
  loading: string;
  /** Distance of the image's top edge from the top of the page, in CSS pixels. */
  top: number;
  /** The browser's largest-contentful-paint element. */
  lcp: boolean;
}

/** Loading: the LCP image is never lazy; images starting below the first viewport are lazy. */
export function checkLoading(page: string, images: readonly LaidOutImage[], viewportHeight: number): Violation[] {
  const problems: Violation[] = [];
  for (const image of images) {
    if (image.lcp && image.loading === 'lazy') {
      problems.push(
        violation(page, 'LCP image loading', `the LCP image ${image.src} has loading="lazy"; load it eagerly`),
      );
    }
    // An image in the first screen may be what the reader sees first (and may become the LCP later): never lazy.
    if (!image.lcp && image.top < viewportHeight && image.loading === 'lazy') {
      problems.push(
        violation(
          page,
          'above-the-fold image loading',
          `${image.src} starts at ${Math.round(image.top)}px, in the first screen (${viewportHeight}px), but is loading="lazy"`,
        ),
      );
    }
    if (!image.lcp && image.top >= viewportHeight && image.loading !== 'lazy') {
      problems.push(
        violation(
          page,
          'below-the-fold image loading',
          `${image.src} starts at ${Math.round(image.top)}px (viewport ${viewportHeight}px) but is not loading="lazy"`,
        ),
      );
    }
  }
  return problems;
}
