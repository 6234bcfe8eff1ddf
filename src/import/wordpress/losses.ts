/**
 * Silent losses: words of a post's HTML that are neither in the converted body nor in the
 * report (dynamic blocks left out, buttons without a link…). Every word a reader could read
 * on the old page is looked for in the new body; the import reports the number per entry,
 * and it should be 0.
 */
import { fromHtml } from 'hast-util-from-html';
import type { Element, Root as HastRoot } from 'hast';
import type { Nodes as MdastNodes, Root as MdastRoot } from 'mdast';

const notRead = new Set(['script', 'style', 'noscript', 'template', 'svg', 'head', 'title']);

/** Lower-cased words and numbers. */
export function words(text: string): Set<string> {
  return new Set(text.toLowerCase().match(/[\p{L}\p{N}]+/gu) ?? []);
}

function readable(tree: HastRoot): HastRoot {
  const strip = <T extends HastRoot | Element>(node: T): T => ({
    ...node,
    children: node.children
      .filter((child) => child.type !== 'element' || !notRead.has(child.tagName))
      .map((child) => (child.type === 'element' ? strip(child) : child)),
  });
  return strip(tree);
}

/**
 * The words a reader of the old page could read in the post's HTML, text node by text node
 * (as the body is read below), so "H<sub>2</sub>O" is the same words on both sides.
 */
export function sourceWords(html: string): Set<string> {
  const found: string[] = [];
  const walk = (node: HastRoot | Element) => {
    for (const child of node.children) {
      if (child.type === 'text') found.push(child.value);
      else if (child.type === 'element') walk(child);
    }
  };
  walk(readable(fromHtml(html, { fragment: true })));
  return words(found.join(' '));
}

/** Every word the converted body shows: text, alt text, and the words of component attributes (captions, names). */
export function outputWords(tree: MdastRoot, extra: Iterable<string> = []): Set<string> {
  const found: string[] = [...extra];
  const walk = (node: MdastNodes) => {
    if ('value' in node && typeof node.value === 'string' && node.type !== 'mdxjsEsm') found.push(node.value);
    if (node.type === 'image') found.push(node.alt ?? '');
    if (node.type === 'mdxJsxFlowElement' || node.type === 'mdxJsxTextElement') {
      found.push(node.name ?? '');
      for (const attribute of node.attributes)
        if (attribute.type === 'mdxJsxAttribute' && typeof attribute.value === 'string') found.push(attribute.value);
    }
    if ('children' in node) for (const child of node.children) walk(child as MdastNodes);
  };
  walk(tree);
  return words(found.join(' '));
}

/** Words of the source that the body does not show and the report does not account for. */
export function lostWords(source: Set<string>, output: Set<string>, reported: Set<string>): string[] {
  return [...source].filter((word) => !output.has(word) && !reported.has(word));
}
