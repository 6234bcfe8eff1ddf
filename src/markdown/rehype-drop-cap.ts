import type { Element, Root, RootContent } from 'hast';
import { toText } from 'hast-util-to-text';

/**
 * A three-line drop cap needs a paragraph at least three lines long at the widest measure (about 80
 * characters a line); shorter, the initial would hang into the next paragraph.
 */
export const DROP_CAP_MIN_CHARACTERS = 250;

/** The class the layout's drop cap (src/styles/global.css) applies to. */
export const DROP_CAP_CLASS = 'opening';

/** Elements and MDX's block components and expressions; not white space, comments or `import`s. */
const blockTypes = new Set(['element', 'mdxJsxFlowElement', 'mdxFlowExpression']);
const isBlock = (node: RootContent) => blockTypes.has(node.type);

/**
 * Marks the article's first block for a drop cap when it is a paragraph of prose: it opens the
 * body (not after a heading, quote or component), starts with a letter (not a digit, a quotation
 * mark or a link's bracket) and is long enough to run beside a three-line initial. Whether the
 * language has capitals at all is the page's decision (`drop-cap` on the body, language.ts).
 */
export function rehypeDropCap() {
  return (tree: Root) => {
    const first = tree.children.find(isBlock);
    if (first?.type !== 'element' || first.tagName !== 'p') return;
    const text = toText(first as Element).trim();
    if (!/^\p{L}/u.test(text) || text.length < DROP_CAP_MIN_CHARACTERS) return;
    const existing = first.properties.className;
    first.properties.className = [...(Array.isArray(existing) ? existing : []), DROP_CAP_CLASS];
  };
}
