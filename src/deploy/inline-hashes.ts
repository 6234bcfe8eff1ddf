/**
 * The CSP hashes of the inline scripts and styles a page really contains. The header
 * policy allows exactly these (Astro's meta policy lists every hash it might need, which
 * would make the header too long for Cloudflare Pages' 2,000-character limit).
 */
import { createHash } from 'node:crypto';
import { parse, type HTMLElement } from 'node-html-parser';

export interface InlineHashes {
  scripts: string[];
  styles: string[];
}

/** Script types a browser runs (a JSON-LD or other data block is not run, so CSP does not check it). */
function isExecutable(type: string | undefined): boolean {
  const value = (type ?? '').trim().toLowerCase();
  return value === '' || value === 'module' || /^(text|application)\/(x-)?(java|ecma)script$/.test(value);
}

/** A CSP hash source ("'sha256-…'") of text as the browser hashes it: the element's raw UTF-8 content. */
export function cspHash(text: string): string {
  return `'sha256-${createHash('sha256').update(text, 'utf8').digest('base64')}'`;
}

/** `page` is the HTML, or the page already parsed (the build parses each page once for everything it reads). */
export function inlineHashes(page: string | HTMLElement): InlineHashes {
  const root = typeof page === 'string' ? parse(page) : page;
  const scripts = root
    .querySelectorAll('script')
    .filter((script) => !script.hasAttribute('src') && isExecutable(script.getAttribute('type')))
    .map((script) => cspHash(script.rawText));
  const styles = root.querySelectorAll('style').map((style) => cspHash(style.rawText));
  return { scripts: [...new Set(scripts)], styles: [...new Set(styles)] };
}
