import type { Root } from 'mdast';
import { retext } from 'retext';
import smartypants from 'retext-smartypants';
import { visit } from 'unist-util-visit';

/**
 * Typographic punctuation (curly quotes, dashes, ellipses), with exactly the output of
 * remark-smartypants 3 (Astro's default), at a fraction of its cost. remark-smartypants makes
 * two passes: quotes over the text of the whole document at once (one retext parse), then dashes,
 * ellipses and backticks over each text node separately, one retext parse per node, which is
 * most of its time. That second pass can only change a node that contains one of its patterns
 * (`--`, `...`, `. . .`, two backticks or two apostrophes), and retext writes any other text back
 * as it read it; so nodes without one are left alone here, and the rest go through the same
 * retext-smartypants. Likewise the quote pass is skipped for a document without straight quotes.
 * Everything else follows remark-smartypants (its plugin.js) line for line.
 */

const visitedNodes = new Set(['text', 'inlineCode', 'paragraph', 'heading', 'tableCell']);
/** Nodes whose text starts fresh: a quote at their start is an opening quote (a space is put before them). */
const blockNodes = new Set(['paragraph', 'heading', 'tableCell']);
const ignoredHtmlElements = new Set(['style', 'script']);
/** Text the second pass (dashes, ellipses, backticks) could change. */
const secondPassPattern = /--|\.\.\.|\.\s+\.|``|''/;

interface Node {
  type: string;
  value?: unknown;
  name?: unknown;
}

type Literal = Node & { value: string };
const isLiteral = (node: Node): node is Literal => typeof node.value === 'string';

function visited(node: Node, parent: Node | undefined): boolean {
  if (!parent) return false;
  if (
    parent.type === 'mdxJsxTextElement' &&
    !(typeof parent.name === 'string' && !ignoredHtmlElements.has(parent.name))
  )
    return false;
  return visitedNodes.has(node.type) && (isLiteral(node) || blockNodes.has(node.type));
}

export function remarkSmartPunctuation() {
  const quotes = retext().use(smartypants, { ellipses: false, dashes: false, backticks: false });
  const others = retext().use(smartypants, { quotes: false });
  return (tree: Root) => {
    let allText = '';
    const nodes: Node[] = [];
    visit(tree, (node, _index, parent) => {
      if (!visited(node, parent)) return;
      if (isLiteral(node)) allText += node.type === 'text' ? node.value : 'A'.repeat(node.value.length);
      else allText += ' ';
      nodes.push(node);
    });
    // The quote pass only ever changes straight quotes.
    if (/["']/.test(allText)) allText = quotes.processSync(allText).toString();
    let start = 0;
    for (const node of nodes) {
      if (!isLiteral(node)) {
        start += 1;
        continue;
      }
      const end = start + node.value.length;
      if (node.type === 'text') {
        const text = allText.slice(start, end);
        node.value = secondPassPattern.test(text) ? others.processSync(text).toString() : text;
      }
      start = end;
    }
  };
}
