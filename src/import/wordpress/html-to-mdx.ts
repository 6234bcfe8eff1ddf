/**
 * A post's HTML (classic editor or block editor) to MDX that compiles, with unified:
 * rehype-parse → WordPress clean-up on the HTML tree → rehype-remark → remark-gfm →
 * remark-stringify with remark-mdx, which escapes `{` and `<` wherever MDX would read them.
 */
import type {
  Element,
  ElementContent,
  Nodes as HastNodes,
  Parents as HastParents,
  Root as HastRoot,
  Text as HastText,
} from 'hast';
import type { Handle, State } from 'hast-util-to-mdast';
import { toText } from 'hast-util-to-text';
import type {
  FootnoteDefinition,
  Nodes as MdastNodes,
  Paragraph,
  PhrasingContent,
  Root as MdastRoot,
  RootContent,
} from 'mdast';
import type { MdxJsxAttribute, MdxJsxFlowElement, MdxJsxTextElement } from 'mdast-util-mdx-jsx';
import { toString as mdastText } from 'mdast-util-to-string';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import { expandShortcodes, type Attachment } from './shortcodes.ts';

export interface BodyContext {
  /** The old site's address, to tell its own links from others. */
  siteUrl: string;
  /** What an image's `src` becomes: a path relative to the MDX file when the file was copied, else the URL as it was. */
  resolveImage(url: string): string;
  attachment(id: string): Attachment | undefined;
  /** Block-editor footnotes (the post's `footnotes` meta): their ids and HTML. */
  footnotes: readonly { id: string; content: string }[];
}

export interface BodyResult {
  mdx: string;
  /** The first paragraph's text, for a description when the post has no excerpt. */
  firstParagraph: string;
  unknownShortcodes: string[];
  /** Blocks whose markup this importer does not know; their text is kept. */
  unknownBlocks: string[];
  /** Embedded media (YouTube, X, …) kept as links. */
  embeds: string[];
  /** Why the body was converted to plain paragraphs instead, if it was. */
  fallback: string | null;
}

interface Notes {
  unknownBlocks: Set<string>;
  embeds: string[];
  context: BodyContext;
}

/** Blocks whose saved HTML is the content itself: nothing to report. */
const contentBlocks = new Set(
  [
    'paragraph',
    'heading',
    'list',
    'list-item',
    'quote',
    'pullquote',
    'table',
    'image',
    'gallery',
    'embed',
    'code',
    'preformatted',
    'verse',
    'separator',
    'spacer',
    'columns',
    'column',
    'group',
    'row',
    'stack',
    'media-text',
    'cover',
    'html',
    'freeform',
    'video',
    'audio',
    'file',
    'details',
    'footnotes',
    'more',
    'nextpage',
    'shortcode',
    'buttons',
    'button',
    'missing',
  ].map((name) => `core/${name}`),
);
/** Blocks that save no HTML of their own and carry nothing a reader needs in an archive. */
const silentBlocks = new Set(['core/footnotes', 'core/more', 'core/nextpage', 'core/spacer', 'core/separator']);

const inlineElements = new Set(
  'a abbr b bdi bdo br cite code data del dfn em font i img ins kbd mark q s samp small span strike strong sub sup time tt u var wbr big label'.split(
    ' ',
  ),
);
const removedElements = new Set([
  'script',
  'style',
  'noscript',
  'form',
  'input',
  'button',
  'select',
  'textarea',
  'link',
  'meta',
  'svg',
  'template',
]);

const element = (tagName: string, properties: Element['properties'], children: ElementContent[]): Element => ({
  type: 'element',
  tagName,
  properties,
  children,
});
const text = (value: string): HastText => ({ type: 'text', value });
const classes = (node: Element): string[] =>
  Array.isArray(node.properties.className) ? node.properties.className.map(String) : [];
const hasClass = (node: Element, ...names: string[]) => classes(node).some((name) => names.includes(name));
const isElement = (node: HastNodes | undefined, ...names: string[]): node is Element =>
  node?.type === 'element' && (names.length === 0 || names.includes(node.tagName));

/** An embed's address as a reader opens it: YouTube's player URL becomes the watch page. */
export function embedUrl(src: string): string {
  const youtube = /^(?:https?:)?\/\/(?:www\.)?youtube(?:-nocookie)?\.com\/embed\/([\w-]+)/.exec(src);
  if (youtube) return `https://www.youtube.com/watch?v=${youtube[1]}`;
  const vimeo = /^(?:https?:)?\/\/player\.vimeo\.com\/video\/(\d+)/.exec(src);
  if (vimeo) return `https://vimeo.com/${vimeo[1]}`;
  return src.startsWith('//') ? `https:${src}` : src;
}

const linkParagraph = (url: string): Element => element('p', {}, [element('a', { href: url }, [text(url)])]);

/** `<!-- wp:name {…} /-->`: the block's name (namespaced), whether it closes itself. */
function blockComment(value: string): { name: string; closing: boolean; selfClosing: boolean } | null {
  const match = /^\s*(\/)?wp:([a-z][a-z0-9_-]*(?:\/[a-z][a-z0-9_-]*)?)(?:\s+[\s\S]*?)?\s*(\/)?\s*$/.exec(value);
  if (!match) return null;
  const name = match[2]!.includes('/') ? match[2]! : `core/${match[2]}`;
  return { name, closing: match[1] === '/', selfClosing: match[3] === '/' };
}

/**
 * WordPress's wpautop on the tree: runs of text and inline elements directly in a container
 * become paragraphs, split at blank lines, with single line breaks kept as <br>.
 */
function autop(parent: HastRoot | Element): void {
  const out: (ElementContent | HastRoot['children'][number])[] = [];
  let run: ElementContent[] = [];
  const flush = () => {
    while (run.length && run[0]!.type === 'text' && !run[0]!.value.trim()) run.shift();
    while (run.length && run.at(-1)!.type === 'text' && !(run.at(-1) as HastText).value.trim()) run.pop();
    if (run.some((node) => node.type !== 'text' || node.value.trim())) {
      const children: ElementContent[] = [];
      for (const node of run) {
        if (node.type !== 'text') {
          children.push(node);
          continue;
        }
        node.value.split('\n').forEach((line, index) => {
          if (index > 0) children.push(element('br', {}, []));
          if (line) children.push(text(line));
        });
      }
      // Line breaks WordPress would drop: at the edges of the paragraph.
      while (children[0] && isElement(children[0], 'br')) children.shift();
      while (children.at(-1) && isElement(children.at(-1), 'br')) children.pop();
      out.push(element('p', {}, children));
    }
    run = [];
  };
  for (const child of parent.children) {
    if (child.type === 'text') {
      const parts = child.value.replace(/\r\n?/g, '\n').split(/\n[ \t]*\n\s*/);
      parts.forEach((part, index) => {
        if (index > 0) flush();
        run.push(text(part));
      });
    } else if (child.type === 'element' && inlineElements.has(child.tagName)) {
      run.push(child);
    } else if (child.type === 'comment') {
      continue;
    } else {
      flush();
      out.push(child);
    }
  }
  flush();
  parent.children = out as typeof parent.children;
}

/** The WordPress-specific clean-up of the parsed HTML, before it becomes Markdown. */
function cleanTree(tree: HastRoot, notes: Notes): void {
  const site = notes.context.siteUrl.replace(/\/+$/, '');
  const visit = (parent: HastParents) => {
    const children: HastParents['children'][number][] = [];
    for (const child of parent.children) {
      if (child.type === 'comment') {
        const block = blockComment(child.value);
        if (block && !block.closing && !contentBlocks.has(block.name)) {
          notes.unknownBlocks.add(block.name);
          // A block that saves no HTML would vanish without a trace: leave its name where it was.
          if (block.selfClosing) children.push(element('p', {}, [text(`[WordPress block: ${block.name}]`)]));
        } else if (block && block.selfClosing && !silentBlocks.has(block.name) && block.name !== 'core/shortcode') {
          notes.unknownBlocks.add(block.name);
          children.push(element('p', {}, [text(`[WordPress block: ${block.name}]`)]));
        }
        continue;
      }
      if (child.type !== 'element') {
        children.push(child);
        continue;
      }
      const node = child;
      if (removedElements.has(node.tagName)) continue;
      if (node.tagName === 'ol' && hasClass(node, 'wp-block-footnotes')) continue;
      if (node.tagName === 'iframe') {
        const src = String(node.properties.src ?? '');
        if (src) {
          notes.embeds.push(embedUrl(src));
          children.push(linkParagraph(embedUrl(src)));
        }
        continue;
      }
      if (node.tagName === 'figure' && hasClass(node, 'wp-block-embed')) {
        const wrapper = node.children.find((c): c is Element => isElement(c, 'div'));
        const url = (wrapper ? toText(wrapper) : '').trim();
        const caption = node.children.find((c): c is Element => isElement(c, 'figcaption'));
        if (url) {
          notes.embeds.push(url);
          children.push(linkParagraph(url));
        }
        if (caption) children.push(element('p', {}, caption.children));
        continue;
      }
      if (node.tagName === 'h1') node.tagName = 'h2';
      if (
        (node.tagName === 'blockquote' && hasClass(node, 'td_pull_quote')) ||
        (node.tagName === 'figure' && hasClass(node, 'wp-block-pullquote'))
      ) {
        const quote =
          node.tagName === 'figure'
            ? (node.children.find((c): c is Element => isElement(c, 'blockquote')) ?? node)
            : node;
        const cite = quote.children.find((c): c is Element => isElement(c, 'cite'));
        quote.children = quote.children.filter((c) => c !== cite);
        children.push(element('x-pull-quote', { cite: cite ? toText(cite).trim() : '' }, quote.children));
        continue;
      }
      if (node.tagName === 'sup' && node.properties.dataFn) {
        children.push(element('x-footnote-ref', { id: String(node.properties.dataFn) }, []));
        continue;
      }
      if (node.tagName === 'div' && hasClass(node, 'wp-caption')) node.tagName = 'figure';
      if (hasClass(node, 'wp-caption-text')) node.tagName = 'figcaption';
      if (node.tagName === 'img') {
        const src = String(node.properties.src ?? '');
        if (src) node.properties.src = notes.context.resolveImage(src);
      }
      // A picture linked to its own file or attachment page: the link adds nothing in an archive.
      if (node.tagName === 'a') {
        const only = node.children.filter((c) => c.type !== 'text' || c.value.trim());
        const href = String(node.properties.href ?? '');
        if (only.length === 1 && isElement(only[0], 'img') && (href.startsWith(site) || href.startsWith('/'))) {
          visit(node);
          children.push(...node.children);
          continue;
        }
      }
      visit(node);
      if (node.tagName === 'blockquote' || node.tagName === 'div') autop(node);
      if (
        node.tagName === 'figure' &&
        hasClass(node, 'wp-caption') &&
        !node.children.some((c) => isElement(c, 'figcaption'))
      ) {
        // [caption]<img> The caption text[/caption]: everything after the picture is the caption.
        const picture = node.children.filter((c) => isElement(c, 'img', 'a'));
        const rest = node.children.filter((c) => !picture.some((p) => p === c));
        node.children = [...picture, element('figcaption', {}, rest)];
      }
      children.push(node);
    }
    parent.children = children as typeof parent.children;
  };
  visit(tree);
  autop(tree);
}

const jsxText = (name: string, attributes: Record<string, string>, children: PhrasingContent[]): MdxJsxTextElement => ({
  type: 'mdxJsxTextElement',
  name,
  attributes: Object.entries(attributes)
    .filter(([, value]) => value)
    .map(([attribute, value]): MdxJsxAttribute => ({ type: 'mdxJsxAttribute', name: attribute, value })),
  children,
});

/** Phrasing content of an element, paragraphs run together with a space. */
function phrasing(state: State, node: Element): PhrasingContent[] {
  const nodes = state.toFlow(state.all(node));
  const out: PhrasingContent[] = [];
  for (const block of nodes) {
    if (out.length) out.push({ type: 'text', value: ' ' });
    if (block.type === 'paragraph' || block.type === 'heading') out.push(...block.children);
    else out.push({ type: 'text', value: mdastText(block) });
  }
  return out;
}

const descendants = (node: Element, test: (e: Element) => boolean, stopAt: (e: Element) => boolean): Element[] => {
  const found: Element[] = [];
  const walk = (parent: Element) => {
    for (const child of parent.children) {
      if (child.type !== 'element') continue;
      if (test(child)) found.push(child);
      else if (!stopAt(child)) walk(child);
    }
  };
  walk(node);
  return found;
};

const figureHandler: Handle = (state, node) => {
  const caption = node.children.find((c): c is Element => isElement(c, 'figcaption'));
  const nested = descendants(
    node,
    (e) => e.tagName === 'figure',
    () => false,
  );
  const captionParagraph = (): Paragraph[] => {
    const content = caption ? phrasing(state, caption) : [];
    return content.length ? [{ type: 'paragraph', children: content }] : [];
  };
  // A gallery: each picture is a figure of its own, then the gallery's caption.
  if (nested.length > 0) {
    const rest = element(
      'div',
      {},
      node.children.filter((c) => c !== caption),
    );
    return [...(state.toFlow(state.all(rest)) as RootContent[]), ...captionParagraph()] as MdastNodes[];
  }
  const images = descendants(
    node,
    (e) => e.tagName === 'img',
    (e) => e === caption,
  );
  if (images.length === 0)
    return [
      ...(state.toFlow(
        state.all(
          element(
            'div',
            {},
            node.children.filter((c) => c !== caption),
          ),
        ),
      ) as RootContent[]),
      ...captionParagraph(),
    ] as MdastNodes[];
  const pictures = element(
    'p',
    {},
    node.children.filter((c) => c !== caption),
  );
  const body = state.toFlow(state.all(element('div', {}, [pictures]))) as RootContent[];
  const captionContent = caption ? phrasing(state, caption) : [];
  if (captionContent.length === 0) return body as MdastNodes[];
  const figure: MdxJsxFlowElement = {
    type: 'mdxJsxFlowElement',
    name: 'figure',
    attributes: [],
    children: [
      ...(body as MdxJsxFlowElement['children']),
      { type: 'paragraph', children: [jsxText('figcaption', {}, captionContent)] },
    ],
  };
  return figure as unknown as MdastNodes;
};

const handlers: Record<string, Handle> = {
  figure: figureHandler,
  'x-pull-quote': (state, node) => ({
    type: 'paragraph',
    children: [jsxText('PullQuote', { cite: String(node.properties.cite ?? '') }, phrasing(state, node))],
  }),
  'x-footnote-ref': (_state, node) => ({
    type: 'footnoteReference',
    identifier: String(node.properties.id),
    label: String(node.properties.id),
  }),
};

/** Footnote ids are UUIDs; readers see numbers, in the order the references appear. */
function numberFootnotes(tree: MdastRoot, definitions: FootnoteDefinition[]): void {
  const numbers = new Map<string, string>();
  const walk = (node: MdastNodes) => {
    if (node.type === 'footnoteReference') {
      if (!numbers.has(node.identifier)) numbers.set(node.identifier, String(numbers.size + 1));
      node.identifier = node.label = numbers.get(node.identifier)!;
    }
    if ('children' in node) node.children.forEach((child) => walk(child as MdastNodes));
  };
  walk(tree);
  for (const definition of definitions) {
    const number = numbers.get(definition.identifier);
    if (!number) continue;
    definition.identifier = definition.label = number;
    tree.children.push(definition);
  }
}

const stringifyOptions = {
  bullet: '-',
  emphasis: '_',
  strong: '*',
  rule: '-',
  fences: true,
  listItemIndent: 'one',
} as const;

/** One processor for every post; each post's context travels in its file's data. */
const toMdast = unified()
  .use(rehypeParse, { fragment: true })
  .use(function wordpress() {
    return (tree: HastRoot, file: VFile) => cleanTree(tree, file.data.wordpress as Notes);
  })
  .use(rehypeRemark, { handlers })
  .freeze();
const toMarkdown = unified().use(remarkMdx).use(remarkGfm).use(remarkStringify, stringifyOptions).freeze();
const mdxParser = unified().use(remarkParse).use(remarkMdx).use(remarkGfm).freeze();

async function markdownTree(html: string, notes: Notes): Promise<MdastRoot> {
  const file = { value: html, data: { wordpress: notes } };
  const processor = toMdast();
  return (await processor.run(processor.parse(html), file as unknown as VFile)) as MdastRoot;
}

function firstParagraphText(tree: MdastRoot): string {
  const paragraph = tree.children.find(
    (node): node is Paragraph => node.type === 'paragraph' && mdastText(node).trim() !== '',
  );
  if (!paragraph) return '';
  // A line break reads as a space, not as nothing.
  return paragraph.children
    .map((child) => (child.type === 'break' ? ' ' : mdastText(child)))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Plain paragraphs of the post's text, when the converted body would not compile. */
function plainParagraphs(html: string): MdastRoot {
  const tree = unified()
    .use(rehypeParse, { fragment: true })
    .parse(html.replace(/<!--[\s\S]*?-->/g, ''));
  const textContent = toText(tree, { whitespace: 'pre-wrap' });
  return {
    type: 'root',
    children: textContent
      .split(/\n\s*\n/)
      .map((block) => block.replace(/\s+/g, ' ').trim())
      .filter(Boolean)
      .map((block): Paragraph => ({ type: 'paragraph', children: [{ type: 'text', value: block }] })),
  };
}

export async function htmlToMdx(html: string, context: BodyContext): Promise<BodyResult> {
  const { html: expanded, unknown } = expandShortcodes(html, context);
  const notes: Notes = { unknownBlocks: new Set(), embeds: [], context };
  const tree = await markdownTree(expanded, notes);
  const definitions: FootnoteDefinition[] = [];
  for (const footnote of context.footnotes) {
    const note = await markdownTree(footnote.content, { ...notes, unknownBlocks: new Set(), embeds: [] });
    definitions.push({
      type: 'footnoteDefinition',
      identifier: footnote.id,
      label: footnote.id,
      children: note.children as FootnoteDefinition['children'],
    });
  }
  numberFootnotes(tree, definitions);
  let mdx = toMarkdown.stringify(tree);
  let fallback: string | null = null;
  try {
    mdxParser.parse(mdx);
  } catch (error) {
    fallback = `converted to plain paragraphs: the Markdown would not compile as MDX (${(error as Error).message})`;
    mdx = toMarkdown.stringify(plainParagraphs(html));
  }
  return {
    mdx,
    firstParagraph: firstParagraphText(tree),
    unknownShortcodes: unknown,
    unknownBlocks: [...notes.unknownBlocks].sort(),
    embeds: notes.embeds,
    fallback,
  };
}
