/**
 * HTML elements Markdown has no syntax for, kept as the same elements in MDX (sub/sup, abbr,
 * definition lists, reversed lists, details, tables without a header row), and the importer's
 * own markers (`x-audio`, `x-video`, `x-download`) as the site's media components.
 */
import { statSync } from 'node:fs';
import type { Element } from 'hast';
import { defaultHandlers, type Handle, type State } from 'hast-util-to-mdast';
import type { BlockContent, DefinitionContent, Nodes as MdastNodes, Paragraph, PhrasingContent } from 'mdast';
import type { MdxJsxAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import { toString as mdastText } from 'mdast-util-to-string';

type Attributes = Record<string, string | boolean | undefined>;

const jsxAttributes = (attributes: Attributes): MdxJsxAttribute[] =>
  Object.entries(attributes)
    .filter(([, value]) => value !== undefined && value !== '' && value !== false)
    .map(([name, value]) => ({ type: 'mdxJsxAttribute', name, value: value === true ? null : String(value) }));

export const jsxText = (name: string, attributes: Attributes, children: PhrasingContent[]): MdxJsxTextElement => ({
  type: 'mdxJsxTextElement',
  name,
  attributes: jsxAttributes(attributes),
  children,
});

export const jsxFlow = (
  name: string,
  attributes: Attributes,
  children: MdxJsxFlowElement['children'],
): MdxJsxFlowElement => ({
  type: 'mdxJsxFlowElement',
  name,
  attributes: jsxAttributes(attributes),
  children,
});

/** Phrasing content of an element, paragraphs run together with a space. */
export function phrasing(state: State, node: Element): PhrasingContent[] {
  const nodes = state.toFlow(state.all(node));
  const out: PhrasingContent[] = [];
  for (const block of nodes) {
    if (out.length) out.push({ type: 'text', value: ' ' });
    if (block.type === 'paragraph' || block.type === 'heading') out.push(...block.children);
    else out.push({ type: 'text', value: mdastText(block) });
  }
  return out;
}

const paragraph = (children: PhrasingContent[]): Paragraph => ({ type: 'paragraph', children });
const flow = (state: State, node: Element) => state.toFlow(state.all(node)) as (BlockContent | DefinitionContent)[];
const childElements = (node: Element) => node.children.filter((c): c is Element => c.type === 'element');

const inline =
  (name: string, attributes: (node: Element) => Attributes = () => ({})): Handle =>
  (state, node) =>
    jsxText(name, attributes(node), state.all(node) as PhrasingContent[]);

const definitionList: Handle = (state, node) =>
  jsxFlow(
    'dl',
    {},
    childElements(node)
      .filter((child) => child.tagName === 'dt' || child.tagName === 'dd')
      .map((child) =>
        child.tagName === 'dt'
          ? jsxFlow('dt', {}, [paragraph(phrasing(state, child))])
          : jsxFlow('dd', {}, flow(state, child)),
      ),
  );

/** A list counting down (`reversed`) stays an HTML list: Markdown only knows where a list starts. */
const orderedList: Handle = (state, node) => {
  if (node.properties.reversed === undefined || node.properties.reversed === false)
    return defaultHandlers.ol(state, node);
  const start = node.properties.start === undefined ? undefined : String(node.properties.start);
  const items = childElements(node).filter((child) => child.tagName === 'li');
  return jsxFlow(
    'ol',
    { reversed: true, start },
    items.map((item) => jsxFlow('li', {}, flow(state, item))),
  );
};

const details: Handle = (state, node) => {
  const summary = childElements(node).find((child) => child.tagName === 'summary');
  const rest: Element = { ...node, children: node.children.filter((child) => child !== summary) };
  return jsxFlow('details', { open: node.properties.open !== undefined && node.properties.open !== false }, [
    ...(summary ? [jsxFlow('summary', {}, [paragraph(phrasing(state, summary))])] : []),
    ...flow(state, rest),
  ]);
};

const rowsOf = (node: Element): Element[] =>
  childElements(node).flatMap((child) =>
    child.tagName === 'tr' ? [child] : ['thead', 'tbody', 'tfoot'].includes(child.tagName) ? rowsOf(child) : [],
  );

/** A table without header cells stays a table without a header row (GFM would make its first row one). */
const table: Handle = (state, node) => {
  const rows = rowsOf(node);
  if (rows.some((row) => childElements(row).some((cell) => cell.tagName === 'th')))
    return defaultHandlers.table(state, node);
  return jsxFlow('table', {}, [
    jsxFlow(
      'tbody',
      {},
      rows.map((row) =>
        jsxFlow(
          'tr',
          {},
          childElements(row).map((cell) => jsxFlow('td', {}, [paragraph(phrasing(state, cell))])),
        ),
      ),
    ),
  ]);
};

const property = (node: Element, name: string) =>
  node.properties[name] === undefined ? undefined : String(node.properties[name]);

const player =
  (name: 'Audio' | 'Video'): Handle =>
  (_state, node) =>
    jsxFlow(
      name,
      {
        src: property(node, 'src'),
        caption: property(node, 'caption'),
        captions: property(node, 'captions'),
        captionsLang: property(node, 'captionsLang'),
        captionsLabel: property(node, 'captionsLabel'),
      },
      [],
    );

/** "1.4 MB": a file's size as readers read it. */
export function readableSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} bytes`;
  const units = ['KB', 'MB', 'GB'];
  let value = bytes / 1024;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  return `${value.toFixed(value < 10 ? 1 : 0)} ${units[unit]}`;
}

const download: Handle = (_state, node) => {
  const source = property(node, 'source');
  let size: string | undefined;
  try {
    size = source ? readableSize(statSync(source).size) : undefined;
  } catch {
    size = undefined;
  }
  return jsxFlow('Download', { src: property(node, 'src'), name: property(node, 'name'), size }, []);
};

/**
 * A local picture as the site's `<Figure>`, attributes in the order the CMS writes them (src/cms/media-blocks.ts).
 * A caption of plain words is its `caption`; one with links or emphasis is the Figure's content (its caption slot).
 */
const figure: Handle = (state, node) => {
  const attributes = { src: property(node, 'src'), alt: property(node, 'alt') };
  const caption = phrasing(state, node);
  if (caption.every((child) => child.type === 'text'))
    return jsxFlow(
      'Figure',
      { ...attributes, caption: mdastText({ type: 'paragraph', children: caption }).replace(/\s+/g, ' ').trim() },
      [],
    );
  return paragraph([jsxText('Figure', attributes, caption)]);
};

/** A WordPress gallery as the site's `<Gallery>` of Figures. */
const gallery: Handle = (state, node) =>
  jsxFlow('Gallery', { caption: property(node, 'caption') }, state.all(node) as MdxJsxFlowElement['children']);

export const elementHandlers: Record<string, Handle> = {
  'x-figure': figure,
  'x-gallery': gallery,
  sub: inline('sub'),
  cite: inline('cite'),
  sup: inline('sup'),
  abbr: inline('abbr', (node) => ({ title: property(node, 'title') })),
  dl: definitionList,
  ol: orderedList,
  details,
  table,
  'x-audio': player('Audio'),
  'x-video': player('Video'),
  'x-download': download,
};

export type { MdastNodes };
