import type { Element, ElementContent, Root } from 'hast';
import { visit } from 'unist-util-visit';

function textOf(node: ElementContent): string {
  if (node.type === 'text') return node.value;
  if (node.type === 'element') return node.children.map(textOf).join('');
  return '';
}

/**
 * Wraps every table in a focusable, labelled box that scrolls sideways, so a
 * wide table never makes the whole page scroll on a phone and keyboard users
 * can still scroll it. Each box is a region named after the table's caption,
 * or numbered ("Table 2"), so that no two regions on a page share a name.
 */
export function rehypeTableScroll() {
  return (tree: Root) => {
    let count = 0;
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'table' || !parent || index === undefined) return;
      if (parent.type === 'element' && parent.properties?.className?.toString().includes('table-scroll')) return;
      count += 1;
      const caption = node.children.find(
        (child): child is Element => child.type === 'element' && child.tagName === 'caption',
      );
      const label = caption ? textOf(caption).replace(/\s+/g, ' ').trim() : `Table ${count}`;
      const wrapper: Element = {
        type: 'element',
        tagName: 'section',
        properties: { className: ['table-scroll'], tabIndex: 0, ariaLabel: label || `Table ${count}` },
        children: [node],
      };
      parent.children[index] = wrapper;
    });
  };
}
