import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { toHtml } from 'hast-util-to-html';
import { visit, SKIP } from 'unist-util-visit';

const urlAttributes = ['href', 'src', 'poster', 'cite'] as const;

/**
 * Prepares an article's rendered HTML for feed readers, which show it outside the page:
 * relative links and image sources become absolute (fragments point into the article page),
 * srcset candidates too, elements hidden from assistive technology (pull quotes that
 * repeat the text) are dropped so readers do not see them twice, and so are scripts.
 */
export function feedHtml(html: string, pageUrl: string): string {
  const tree: Root = fromHtml(html, { fragment: true });
  visit(tree, 'element', (node: Element, index, parent) => {
    // Feed readers run no scripts (an embed's click-to-load script among them); its link stays.
    if (String(node.properties?.ariaHidden) === 'true' || node.tagName === 'script') {
      if (parent && index !== undefined) {
        parent.children.splice(index, 1);
        return [SKIP, index];
      }
    }
    for (const attribute of urlAttributes) {
      const value = node.properties?.[attribute];
      if (typeof value === 'string' && value.length > 0) node.properties[attribute] = new URL(value, pageUrl).href;
    }
    const srcset = node.properties?.srcSet;
    if (srcset !== undefined && srcset !== null && node.properties) {
      const candidates = Array.isArray(srcset) ? srcset.map(String) : String(srcset).split(',');
      node.properties.srcSet = candidates
        .map((candidate) => {
          const [url = '', ...descriptor] = candidate.trim().split(/\s+/);
          return [new URL(url, pageUrl).href, ...descriptor].join(' ');
        })
        .join(', ');
    }
    return undefined;
  });
  return toHtml(tree);
}
