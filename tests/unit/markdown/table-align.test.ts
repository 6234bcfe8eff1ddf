import type { Element, Root } from 'hast';
import { expect, it } from 'vitest';
import { rehypeTableAlign } from '../../../src/markdown/rehype-table-align.ts';

const cell = (tagName: 'td' | 'th', properties: Element['properties']): Element => ({
  type: 'element',
  tagName,
  properties,
  children: [],
});

it('turns the align property of table cells into classes, leaving no attribute that needs inline style', () => {
  const cells = [
    cell('th', { align: 'right' }),
    cell('td', { align: 'center', className: ['x'] }),
    cell('td', {}),
    cell('td', { align: 'bogus' }),
  ];
  const tree: Root = { type: 'root', children: cells };
  rehypeTableAlign()(tree);
  expect(cells.map((c) => c.properties)).toEqual([
    { className: ['align-right'] },
    { className: ['x', 'align-center'] },
    {},
    {},
  ]);
});
