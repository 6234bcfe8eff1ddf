import type { Element, Root } from 'hast';
import { fromHtml } from 'hast-util-from-html';
import { expect, it } from 'vitest';
import { DROP_CAP_MIN_CHARACTERS, rehypeDropCap } from '../../../src/markdown/rehype-drop-cap.ts';
import { rehypeCodeScroll } from '../../../src/markdown/rehype-code-scroll.ts';

const long = 'Word '.repeat(DROP_CAP_MIN_CHARACTERS / 4);

function opening(html: string, before: Root['children'] = []): string[] {
  const tree = fromHtml(html, { fragment: true });
  tree.children.unshift(...before);
  rehypeDropCap()(tree);
  return tree.children
    .filter((node): node is Element => node.type === 'element')
    .filter((node) => Array.isArray(node.properties.className) && node.properties.className.includes('opening'))
    .map((node) => node.tagName);
}

it('marks a long first paragraph of prose that starts with a letter', () => {
  expect(opening(`\n<p>${long}</p>\n<p>${long}</p>`)).toEqual(['p']);
  expect(opening(`<p>Élan ${long}</p>`)).toEqual(['p']);
});

it('leaves out a short first paragraph, one that starts with a digit or a quotation mark, and a body that opens with anything else', () => {
  expect(opening('<p>A one-line opening paragraph.</p>')).toEqual([]);
  expect(opening(`<p>2022 was the year ${long}</p>`)).toEqual([]);
  expect(opening(`<p>“Quoted,” ${long}</p>`)).toEqual([]);
  expect(opening(`<h2>Heading</h2><p>${long}</p>`)).toEqual([]);
  const component = { type: 'mdxJsxFlowElement', name: 'PullQuote', attributes: [], children: [] };
  expect(opening(`<p>${long}</p>`, [component as unknown as Root['children'][number]])).toEqual([]);
});

it('makes every code block focusable so that it can be scrolled with the keyboard', () => {
  const tree = fromHtml('<pre><code>x</code></pre><p><code>y</code></p>', { fragment: true });
  rehypeCodeScroll()(tree);
  const [pre, p] = tree.children as Element[];
  expect(pre!.properties.tabIndex).toBe(0);
  expect((p!.children[0] as Element).properties.tabIndex).toBeUndefined();
});
