/**
 * The WordPress clean-up of a post's parsed HTML, before it becomes Markdown: one small rewrite
 * per construct, in a table keyed by element name, and one per block comment (`<!-- wp:… -->`).
 * A rewrite returns what replaces the element, or null to leave it to the next rewrite and,
 * finally, to the default (its children cleaned, then kept).
 */
import type {
  Element,
  ElementContent,
  Nodes as HastNodes,
  Parents as HastParents,
  Root as HastRoot,
  Text as HastText,
} from 'hast';
import { toText } from 'hast-util-to-text';
import type { Attachment } from './shortcodes.ts';

export interface LocalFile {
  local: string;
  source: string;
}

export interface RewriteContext {
  /** The old site's address, to tell its own links from others. */
  siteUrl: string;
  /** An image's path relative to the MDX file when it was made local, else null. */
  resolveImage(url: string): string | null;
  /** Any other file (audio, video, a document) made local, or null. */
  resolveFile?(url: string): LocalFile | null;
  attachment(id: string): Attachment | undefined;
}

/** What a post's clean-up found, for the report. */
export interface Notes {
  unknownBlocks: Set<string>;
  /** Constructs dropped or simplified, as the report words them. */
  changes: Set<string>;
  embeds: string[];
  /** Text of what was left out with a report (dynamic blocks, links to nowhere), so it is not counted as a silent loss. */
  reportedText: string[];
  context: RewriteContext;
  /** The post's text outside pull quotes, to tell a pull quote that repeats the text from one that does not. */
  bodyText?: string;
}

export interface Scope {
  notes: Notes;
  /** Cleans an element's children in place. */
  visit(node: Element): void;
}

export type Rewrite = (node: Element, scope: Scope) => ElementContent[] | null;

export const element = (tagName: string, properties: Element['properties'], children: ElementContent[]): Element => ({
  type: 'element',
  tagName,
  properties,
  children,
});
export const text = (value: string): HastText => ({ type: 'text', value });
const classes = (node: Element): string[] =>
  Array.isArray(node.properties.className) ? node.properties.className.map(String) : [];
export const hasClass = (node: Element, ...names: string[]) => classes(node).some((name) => names.includes(name));
export const isElement = (node: HastNodes | undefined, ...names: string[]): node is Element =>
  node?.type === 'element' && (names.length === 0 || names.includes(node.tagName));
const childElement = (node: Element, ...names: string[]) =>
  node.children.find((c): c is Element => isElement(c, ...names));
const fileName = (url: string) => decodeURIComponent(url.split(/[?#]/)[0]!.split('/').filter(Boolean).pop() ?? url);

/** An embed's address as a reader opens it: YouTube's player URL becomes the watch page. */
export function embedUrl(src: string): string {
  const youtube = /^(?:https?:)?\/\/(?:www\.)?youtube(?:-nocookie)?\.com\/embed\/([\w-]+)/.exec(src);
  if (youtube) return `https://www.youtube.com/watch?v=${youtube[1]}`;
  const vimeo = /^(?:https?:)?\/\/player\.vimeo\.com\/video\/(\d+)/.exec(src);
  if (vimeo) return `https://vimeo.com/${vimeo[1]}`;
  return src.startsWith('//') ? `https:${src}` : src;
}

const linkParagraph = (url: string, words = url): Element =>
  element('p', {}, [element('a', { href: url }, [text(words)])]);

/**
 * WordPress's wpautop on the tree: runs of text and inline elements directly in a container
 * become paragraphs, split at blank lines, with single line breaks kept as <br>.
 */
export const inlineElements = new Set(
  'a abbr acronym b bdi bdo br cite code data del dfn em font i img ins kbd mark q s samp small span strike strong sub sup time tt u var wbr big label'.split(
    ' ',
  ),
);

function paragraphOf(run: ElementContent[]): Element | null {
  while (run.length && run[0]!.type === 'text' && !run[0]!.value.trim()) run.shift();
  while (run.length && run.at(-1)!.type === 'text' && !(run.at(-1) as HastText).value.trim()) run.pop();
  if (!run.some((node) => node.type !== 'text' || node.value.trim())) return null;
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
  return element('p', {}, children);
}

export function autop(parent: HastRoot | Element): void {
  const out: (ElementContent | HastRoot['children'][number])[] = [];
  let run: ElementContent[] = [];
  const flush = () => {
    const paragraph = paragraphOf(run);
    if (paragraph) out.push(paragraph);
    run = [];
  };
  for (const child of parent.children) {
    if (child.type === 'text') {
      child.value
        .replace(/\r\n?/g, '\n')
        .split(/\n[ \t]*\n\s*/)
        .forEach((part, index) => {
          if (index > 0) flush();
          run.push(text(part));
        });
    } else if (child.type === 'element' && inlineElements.has(child.tagName)) run.push(child);
    else if (child.type !== 'comment') {
      flush();
      out.push(child);
    }
  }
  flush();
  parent.children = out as typeof parent.children;
}

const removed: Rewrite = () => [];

/** Form controls do nothing in an archive; a form with words in it is reported. */
const formPart: Rewrite = (node, { notes }) => {
  const words = toText(node).trim();
  if (words) {
    notes.changes.add(`${node.tagName} left out (a form does not work on a static site)`);
    notes.reportedText.push(words);
  }
  return [];
};

const iframe: Rewrite = (node, { notes }) => {
  const src = String(node.properties.src ?? '');
  if (!src) return [];
  notes.embeds.push(embedUrl(src));
  return [linkParagraph(embedUrl(src))];
};

const embedFigure: Rewrite = (node, { notes }) => {
  if (!hasClass(node, 'wp-block-embed')) return null;
  const wrapper = childElement(node, 'div');
  const url = (wrapper ? toText(wrapper) : '').trim();
  const caption = childElement(node, 'figcaption');
  const out: ElementContent[] = [];
  if (url) {
    notes.embeds.push(url);
    out.push(linkParagraph(url));
  }
  if (caption) out.push(element('p', {}, caption.children));
  return out;
};

/** The post's text outside pull quotes, whitespace collapsed. */
const squash = (value: string) =>
  value
    .replace(/[\s“”"‘’'.,;:!?—–-]+/g, ' ')
    .trim()
    .toLowerCase();

/**
 * A pull quote that repeats the text is decoration (the site hides it from screen readers); one
 * whose words appear nowhere else is content, kept as a quotation everyone reads.
 */
const pullQuote: Rewrite = (node, scope) => {
  const isPull =
    (node.tagName === 'blockquote' && hasClass(node, 'td_pull_quote')) ||
    (node.tagName === 'figure' && hasClass(node, 'wp-block-pullquote'));
  if (!isPull) return null;
  const quote = node.tagName === 'figure' ? (childElement(node, 'blockquote') ?? node) : node;
  const cite = childElement(quote, 'cite');
  quote.children = quote.children.filter((c) => c !== cite);
  const citeText = cite ? toText(cite).trim() : '';
  const words = squash(toText(quote));
  if (words && (scope.notes.bodyText ?? '').includes(words))
    return [element('x-pull-quote', { cite: citeText }, quote.children)];
  scope.notes.changes.add('pull quote not repeated in the text: kept as a quotation');
  const blockquote = element('blockquote', {}, quote.children);
  scope.visit(blockquote);
  autop(blockquote);
  return [blockquote, ...(cite ? [element('p', {}, [text('— '), element('cite', {}, cite.children)])] : [])];
};

/** A quotation's `<cite>` is its attribution, after it, not a second quoted paragraph. */
const quoteWithCite: Rewrite = (node, scope) => {
  const cite = childElement(node, 'cite');
  if (!cite) return null;
  node.children = node.children.filter((c) => c !== cite);
  scope.visit(node);
  autop(node);
  scope.visit(cite);
  return [node, element('p', {}, [text('— '), element('cite', {}, cite.children)])];
};

const footnoteReference: Rewrite = (node) =>
  node.properties.dataFn ? [element('x-footnote-ref', { id: String(node.properties.dataFn) }, [])] : null;

/** A picture that was not made local: a link to it on the old site, with words. */
function pictureLink(src: string, alt: string, notes: Notes): Element {
  notes.changes.add('image not made local: linked on the old site');
  return element('a', { href: src }, [text(`Picture: ${alt.trim() || fileName(src)} (on the old site)`)]);
}

const image: Rewrite = (node, { notes }) => {
  const src = String(node.properties.src ?? '');
  if (!src) return [];
  const local = notes.context.resolveImage(src);
  if (local === null)
    return [pictureLink(new URL(src, notes.context.siteUrl).href, String(node.properties.alt ?? ''), notes)];
  node.properties = { src: local, alt: String(node.properties.alt ?? '') };
  return [node];
};

/** A file's name without WordPress's size suffix ("photo-1024x683.jpg" is "photo.jpg"). */
const originalName = (url: string) => fileName(url).replace(/-\d+x\d+(\.[A-Za-z0-9]+)$/, '$1');

/** A picture linked to its own file or attachment page: the link adds nothing in an archive. */
const linkedPicture: Rewrite = (node, scope) => {
  const site = scope.notes.context.siteUrl.replace(/\/+$/, '');
  const only = node.children.filter((c) => c.type !== 'text' || c.value.trim());
  const href = String(node.properties.href ?? '');
  const picture = only.length === 1 && isElement(only[0], 'img') ? only[0] : null;
  if (!picture) return null;
  const toItsFile = href !== '' && originalName(href) === originalName(String(picture.properties.src ?? ''));
  if (!toItsFile && !href.startsWith(site) && !href.startsWith('/')) return null;
  scope.visit(node);
  return node.children;
};

/** A link with no words (an icon, an empty anchor): its address as its words, so readers can see it. */
const emptyLink: Rewrite = (node, scope) => {
  scope.visit(node);
  const href = String(node.properties.href ?? '');
  if (toText(node).trim() || node.children.some((c) => isElement(c, 'img'))) return [node];
  if (!href || href.startsWith('#')) return [];
  node.children = [text(href)];
  return [node];
};

/** `[caption]<img> The caption text[/caption]`: everything after the picture (links too) is the caption. */
const captionFigure: Rewrite = (node, scope) => {
  if (node.tagName === 'div' && !hasClass(node, 'wp-caption')) return null;
  if (node.tagName === 'figure' && !hasClass(node, 'wp-caption')) return null;
  node.tagName = 'figure';
  for (const child of node.children)
    if (isElement(child) && hasClass(child, 'wp-caption-text')) child.tagName = 'figcaption';
  scope.visit(node);
  if (node.children.some((c) => isElement(c, 'figcaption'))) return [node];
  const isPicture = (c: ElementContent) =>
    isElement(c) && (c.tagName === 'img' || (c.tagName === 'a' && c.children.some((inner) => isElement(inner, 'img'))));
  const picture = node.children.filter(isPicture);
  const rest = node.children.filter((c) => !isPicture(c));
  node.children = [...picture, element('figcaption', {}, rest)];
  return [node];
};

const heading1: Rewrite = (node) => {
  node.tagName = 'h2';
  return null;
};

const acronym: Rewrite = (node) => {
  node.tagName = 'abbr';
  return null;
};

/** The verse block: lines and stanzas of a poem, with their formatting, not code. */
const verse: Rewrite = (node, scope) => {
  if (!hasClass(node, 'wp-block-verse')) return null;
  const poem = element('div', {}, node.children);
  scope.visit(poem);
  autop(poem);
  return poem.children;
};

/** Buttons: links that read as links, one paragraph for the row. */
const buttons: Rewrite = (node, scope) => {
  if (!hasClass(node, 'wp-block-buttons')) return null;
  const links = collect(node, (e) => e.tagName === 'a');
  const usable = links.filter((a) => a.properties.href && toText(a).trim());
  if (usable.length < links.length) {
    scope.notes.changes.add('button without a link or label left out');
    scope.notes.reportedText.push(...links.filter((a) => !usable.includes(a)).map((a) => toText(a)));
  }
  const children: ElementContent[] = [];
  for (const link of usable) {
    if (children.length) children.push(text(' · '));
    children.push(element('a', { href: String(link.properties.href) }, [text(toText(link).trim())]));
  }
  return children.length ? [element('p', { dataButtons: true }, children)] : [];
};

function collect(node: Element, test: (e: Element) => boolean): Element[] {
  const found: Element[] = [];
  for (const child of node.children) {
    if (!isElement(child)) continue;
    if (test(child)) found.push(child);
    else found.push(...collect(child, test));
  }
  return found;
}

/** A cover: its background picture, then its text. */
const cover: Rewrite = (node, scope) => {
  if (!hasClass(node, 'wp-block-cover', 'wp-block-cover-image')) return null;
  const background = collect(node, (e) => e.tagName === 'img' && hasClass(e, 'wp-block-cover__image-background'))[0];
  const styled = /url\(\s*['"]?([^'")]+)['"]?\s*\)/.exec(String(node.properties.style ?? ''))?.[1];
  const src = background ? String(background.properties.src ?? '') : (styled ?? '');
  const inner = collect(node, (e) => hasClass(e, 'wp-block-cover__inner-container'))[0];
  const content = element('div', {}, inner ? inner.children : node.children.filter((c) => c !== background));
  scope.visit(content);
  autop(content);
  const picture = src ? image(element('img', { src, alt: String(background?.properties.alt ?? '') }, []), scope) : [];
  return [...(picture?.length ? [element('p', {}, picture)] : []), ...content.children];
};

/** Audio and video: a player for a file made local, else a link with words. */
const mediaFigure: Rewrite = (node, scope) => {
  const player = childElement(node, 'audio', 'video');
  if (!player || !hasClass(node, 'wp-block-audio', 'wp-block-video', 'wp-caption')) return null;
  const caption = childElement(node, 'figcaption');
  const captionText = caption ? toText(caption).trim() : '';
  return mediaPlayer(player, captionText, scope);
};

/** A player's captions track, made local, as the component's attributes; reported when it could not be. */
function captionsTrack(player: Element, scope: Scope): Element['properties'] {
  const track = childElement(player, 'track');
  const src = track ? String(track.properties.src ?? '') : '';
  if (!track || !src) return {};
  const file = scope.notes.context.resolveFile?.(new URL(src, scope.notes.context.siteUrl).href) ?? null;
  if (!file) {
    scope.notes.changes.add('captions track not made local: left out');
    return {};
  }
  return {
    captions: file.local,
    captionsLang: String(track.properties.srcLang ?? ''),
    captionsLabel: String(track.properties.label ?? ''),
  };
}

function mediaPlayer(player: Element, caption: string, scope: Scope): ElementContent[] {
  const source = childElement(player, 'source');
  const src = String(player.properties.src ?? source?.properties.src ?? '');
  if (!src) {
    scope.notes.changes.add(`${player.tagName} without a file left out`);
    return [];
  }
  const absolute = new URL(src, scope.notes.context.siteUrl).href;
  const local = scope.notes.context.resolveFile?.(absolute) ?? null;
  const kind = player.tagName === 'audio' ? 'Audio' : 'Video';
  if (!local) {
    scope.notes.changes.add(`${player.tagName} not made local: linked on the old site`);
    return [linkParagraph(absolute, `${kind}: ${caption || fileName(src)} (on the old site)`)];
  }
  return [element(`x-${kind.toLowerCase()}`, { src: local.local, caption, ...captionsTrack(player, scope) }, [])];
}

const bareMedia: Rewrite = (node, scope) => mediaPlayer(node, '', scope);

/** The file block: a download link with the file's name and size. */
const fileBlock: Rewrite = (node, scope) => {
  if (!hasClass(node, 'wp-block-file')) return null;
  const links = collect(node, (e) => e.tagName === 'a' && Boolean(e.properties.href));
  const named = links.find((a) => !hasClass(a, 'wp-block-file__button')) ?? links[0];
  if (!named) return [];
  // The component says "Download" itself; the block's own button label is that word.
  scope.notes.reportedText.push(...links.filter((a) => a !== named).map((a) => toText(a)));
  const href = new URL(String(named.properties.href), scope.notes.context.siteUrl).href;
  const name = toText(named).trim() || fileName(href);
  const local = scope.notes.context.resolveFile?.(href) ?? null;
  if (!local) {
    scope.notes.changes.add('file not made local: linked on the old site');
    return [linkParagraph(href, `Download ${name} (on the old site)`)];
  }
  return [element('x-download', { src: local.local, name, source: local.source }, [])];
};

/** The post's own attachments as a gallery (`[gallery]` without ids). */
export const removedElements = 'script style noscript input link meta svg template'.split(' ');

const footnotesList: Rewrite = (node) => (hasClass(node, 'wp-block-footnotes') ? [] : null);

/** Rewrites by element name, tried in order. */
export const rewrites: Record<string, Rewrite[]> = {
  ...Object.fromEntries(removedElements.map((name) => [name, [removed]])),
  ...Object.fromEntries(['form', 'button', 'select', 'textarea', 'label'].map((name) => [name, [formPart]])),
  iframe: [iframe],
  figure: [embedFigure, pullQuote, mediaFigure, captionFigure],
  blockquote: [pullQuote, quoteWithCite],
  sup: [footnoteReference],
  img: [image],
  a: [linkedPicture, emptyLink],
  div: [captionFigure, buttons, cover, fileBlock],
  h1: [heading1],
  acronym: [acronym],
  pre: [verse],
  ol: [footnotesList],
  audio: [bareMedia],
  video: [bareMedia],
};

/** Cleans the tree: every element through its rewrites, block comments through theirs. */
export function cleanTree(
  tree: HastRoot,
  notes: Notes,
  blockComment: (value: string, out: HastParents['children'][number][], skip: (name: string) => void) => void,
): void {
  notes.bodyText = squash(toText(stripPullQuotes(tree)));
  const visit = (parent: HastParents) => {
    const children: HastParents['children'][number][] = [];
    // Widened by hand: TypeScript narrows a `let` assigned only inside the loop to its first value.
    let skipping = null as string | null;
    for (const child of parent.children) {
      if (child.type === 'comment') {
        if (skipping !== null) {
          // The closing comment of a dynamic block ends what is left out.
          if (
            child.value.trim().startsWith(`/wp:${skipping.replace(/^core\//, '')}`) ||
            child.value.trim().startsWith(`/wp:${skipping}`)
          )
            skipping = null;
          continue;
        }
        blockComment(child.value, children, (name) => (skipping = name));
        continue;
      }
      if (skipping !== null) {
        notes.reportedText.push(child.type === 'element' || child.type === 'text' ? toText(child) : '');
        continue;
      }
      if (child.type !== 'element') {
        children.push(child);
        continue;
      }
      children.push(...rewrite(child, scope));
    }
    parent.children = children as typeof parent.children;
  };
  const scope: Scope = { notes, visit: (node) => visit(node) };
  visit(tree);
  autop(tree);
}

/** One element through its rewrites, or cleaned and kept. */
export function rewrite(node: Element, scope: Scope): ElementContent[] {
  for (const candidate of rewrites[node.tagName] ?? []) {
    const result = candidate(node, scope);
    if (result) return result;
  }
  scope.visit(node);
  if (node.tagName === 'blockquote' || node.tagName === 'div') autop(node);
  return [node];
}

function stripPullQuotes(tree: HastRoot): HastRoot {
  const strip = <T extends HastRoot | Element>(node: T): T => ({
    ...node,
    children: node.children
      .filter((c) => !(isElement(c) && hasClass(c, 'wp-block-pullquote', 'td_pull_quote')))
      .map((c) => (isElement(c) ? strip(c) : c)),
  });
  return strip(tree);
}
