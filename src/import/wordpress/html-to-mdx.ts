/**
 * A post's HTML (classic editor or block editor) to MDX that compiles, with unified:
 * rehype-parse → WordPress clean-up on the HTML tree → rehype-remark → remark-gfm →
 * remark-stringify with remark-mdx, which escapes `{` and `<` wherever MDX would read them.
 */
import type { Element, Root as HastRoot } from 'hast';
import type { Handle } from 'hast-util-to-mdast';
import { toText } from 'hast-util-to-text';
import type { FootnoteDefinition, Nodes as MdastNodes, Paragraph, Root as MdastRoot, RootContent } from 'mdast';
import type { MdxJsxFlowElement } from 'mdast-util-mdx-jsx';
import { toString as mdastText } from 'mdast-util-to-string';
import rehypeParse from 'rehype-parse';
import rehypeRemark from 'rehype-remark';
import remarkGfm from 'remark-gfm';
import remarkMdx from 'remark-mdx';
import remarkParse from 'remark-parse';
import remarkStringify from 'remark-stringify';
import { unified } from 'unified';
import type { VFile } from 'vfile';
import { lostWords, outputWords, sourceWords, words } from './losses.ts';
import { elementHandlers, jsxText, phrasing } from './mdast-handlers.ts';
import { placePictures } from './pictures.ts';
import { cleanTree, element, isElement, type Notes, type RewriteContext } from './rewrites.ts';
import { expandShortcodes, type Attachment } from './shortcodes.ts';

export interface BodyContext extends RewriteContext {
  /** The post's own attachments, for `[gallery]` without ids. */
  postAttachments?(): Attachment[];
  /** Block-editor footnotes (the post's `footnotes` meta): their ids and HTML. */
  footnotes: readonly { id: string; content: string }[];
}

export interface BodyResult {
  mdx: string;
  /** The first sentence of prose, for a description when the post has no excerpt. */
  firstParagraph: string;
  unknownShortcodes: string[];
  /** Blocks whose markup this importer does not know; their text is kept. */
  unknownBlocks: string[];
  /** Constructs dropped or simplified, for the report. */
  changes: string[];
  /** Embedded media (YouTube, X, …) kept as links. */
  embeds: string[];
  /** Words of the post that are neither in the body nor accounted for by the report: should be none. */
  lostWords: string[];
  /** Why the body was converted to plain paragraphs instead, if it was. */
  fallback: string | null;
}

/** Blocks whose saved HTML is the content itself: nothing to report. */
const contentBlocks = new Set(
  (
    'paragraph heading list list-item quote pullquote table image gallery embed code preformatted verse separator spacer ' +
    'columns column group row stack media-text cover html freeform video audio file details footnotes more nextpage ' +
    'shortcode buttons button missing'
  )
    .split(' ')
    .map((name) => `core/${name}`),
);
/** Blocks that save no HTML of their own and carry nothing a reader needs in an archive. */
const silentBlocks = new Set([
  'core/footnotes',
  'core/more',
  'core/nextpage',
  'core/spacer',
  'core/separator',
  'core/shortcode',
]);
/**
 * Blocks WordPress renders when the page is served (lists of posts, archives, search, widgets):
 * an archive has nothing to show for them, so they are left out and reported.
 */
const dynamicBlocks = new Set(
  (
    'latest-posts latest-comments archives categories calendar search tag-cloud rss page-list loginout legacy-widget ' +
    'widget-group query post-template query-loop navigation site-title site-logo site-tagline social-links comments ' +
    'post-comments-form avatar home-link'
  )
    .split(' ')
    .map((name) => `core/${name}`),
);

/** `<!-- wp:name {…} /-->`: the block's name (namespaced), whether it closes itself. */
function blockComment(value: string): { name: string; closing: boolean; selfClosing: boolean } | null {
  const match = /^\s*(\/)?wp:([a-z][a-z0-9_-]*(?:\/[a-z][a-z0-9_-]*)?)(?:\s+[\s\S]*?)?\s*(\/)?\s*$/.exec(value);
  if (!match) return null;
  const name = match[2]!.includes('/') ? match[2]! : `core/${match[2]}`;
  return { name, closing: match[1] === '/', selfClosing: match[3] === '/' };
}

/**
 * A block comment: a dynamic block is left out with whatever HTML it saved (`skip` until its
 * closing comment); a block that saves no HTML is named in the report. Readers never see a marker.
 */
function blockCommentRewrite(notes: Notes) {
  return (value: string, _out: unknown[], skip: (name: string) => void) => {
    const block = blockComment(value);
    if (!block || block.closing) return;
    if (dynamicBlocks.has(block.name)) {
      notes.changes.add(`dynamic block ${block.name} left out (WordPress built it when serving the page)`);
      if (!block.selfClosing) skip(block.name);
      return;
    }
    if (!contentBlocks.has(block.name)) notes.unknownBlocks.add(block.name);
    else if (block.selfClosing && !silentBlocks.has(block.name)) notes.unknownBlocks.add(block.name);
  };
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
  ...elementHandlers,
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

/** The numbers of footnote references (the old page showed them as text). */
function footnoteLabels(tree: MdastRoot): string[] {
  const labels: string[] = [];
  const walk = (node: MdastNodes) => {
    if (node.type === 'footnoteReference') labels.push(node.label ?? '');
    if ('children' in node) node.children.forEach((child) => walk(child as MdastNodes));
  };
  walk(tree);
  return labels;
}

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

/**
 * A gallery's figures one per line, as the CMS writes them (src/cms/media-blocks.ts), so the editor
 * opens it as a gallery block: the MDX serialiser puts a blank line between a JSX element's children.
 */
const galleryLines = (mdx: string) =>
  mdx.replace(/^<Gallery(?: caption="[^"\n]*")?>\n(?:[ \t]*<Figure[^\n]*\/>\n\n?)+<\/Gallery>$/gm, (block) =>
    block.replace(/\/>\n\n/g, '/>\n'),
  );

/** One processor for every post; each post's context travels in its file's data. */
const toMdast = unified()
  .use(rehypeParse, { fragment: true })
  .use(function wordpress() {
    return (tree: HastRoot, file: VFile) => {
      const notes = file.data.wordpress as Notes;
      cleanTree(tree, notes, blockCommentRewrite(notes));
      placePictures(tree, notes);
    };
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

/** A paragraph a reader reads as prose: words outside links, not a bare address. */
function isProse(paragraph: Paragraph): boolean {
  const own = paragraph.children
    .filter((child) => child.type === 'text' || child.type === 'emphasis' || child.type === 'strong')
    .map((child) => mdastText(child))
    .join(' ');
  return /\p{L}{2,}/u.test(own) && !/^\s*(https?:\/\/|www\.)\S+\s*$/.test(own);
}

/** The first sentence of the first paragraph of prose (not a link, a button label or an address). */
function firstParagraphText(tree: MdastRoot): string {
  const paragraph = tree.children.find((node): node is Paragraph => node.type === 'paragraph' && isProse(node));
  if (!paragraph) return '';
  // A line break reads as a space, not as nothing.
  const textContent = paragraph.children
    .map((child) => (child.type === 'break' ? ' ' : mdastText(child)))
    .join('')
    .replace(/\s+/g, ' ')
    .trim();
  const sentence = /^.+?[.!?](?=\s+["“‘(]?\p{Lu})/u.exec(textContent)?.[0];
  return sentence && sentence.length >= 40 ? sentence : textContent;
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
  const notes: Notes = { unknownBlocks: new Set(), changes: new Set(), embeds: [], reportedText: [], context };
  const tree = await markdownTree(expanded, notes);
  const definitions: FootnoteDefinition[] = [];
  for (const footnote of context.footnotes) {
    const note = await markdownTree(footnote.content, {
      ...notes,
      unknownBlocks: new Set(),
      changes: new Set(),
      embeds: [],
      reportedText: [],
    });
    definitions.push({
      type: 'footnoteDefinition',
      identifier: footnote.id,
      label: footnote.id,
      children: note.children as FootnoteDefinition['children'],
    });
  }
  numberFootnotes(tree, definitions);
  let mdx = galleryLines(toMarkdown.stringify(tree));
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
    changes: [...notes.changes].sort(),
    lostWords: fallback
      ? []
      : lostWords(sourceWords(expanded), outputWords(tree, footnoteLabels(tree)), words(notes.reportedText.join(' '))),
    embeds: notes.embeds,
    fallback,
  };
}
