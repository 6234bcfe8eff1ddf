/**
 * Pictures made local as the site's own components, the way a newsroom writes them by hand
 * (docs/components.md): after the clean-up, each local picture is an `x-figure` marker (the
 * image rewrite in rewrites.ts); this pass gives it its caption (the WordPress figure's
 * figcaption), turns a WordPress gallery into one `x-gallery` of them, takes a picture out
 * of the paragraph it sat in (a `<Figure>` is a block), and gives a picture without alt text
 * one (reported). The MDX step (mdast-handlers.ts) writes `<Figure>` and `<Gallery>`.
 */
import type { Element, ElementContent, Root as HastRoot } from 'hast';
import { toText } from 'hast-util-to-text';
import { element, hasClass, isElement, type Notes } from './rewrites.ts';

/** Where a `<Figure>` may stand: containers of blocks. */
const blockParents = new Set(['div', 'figure', 'blockquote', 'section', 'article', 'li', 'dd', 'details', 'x-gallery']);

/** Whether a node is a local picture's marker (a boolean, not a type guard: a non-marker may still be an element). */
const isPicture = (node: ElementContent | undefined): boolean => isElement(node, 'x-figure');

function pictures(node: Element, stopAt: (e: Element) => boolean = () => false): Element[] {
  const found: Element[] = [];
  for (const child of node.children) {
    if (!isElement(child) || stopAt(child)) continue;
    if (isPicture(child)) found.push(child as Element);
    else found.push(...pictures(child, stopAt));
  }
  return found;
}

/** Whether a node shows anything: words, a picture, a player; not white space, line breaks or empty wrappers. */
const hasContent = (node: ElementContent): boolean =>
  node.type === 'text'
    ? node.value.trim() !== ''
    : node.type === 'element' &&
      node.tagName !== 'br' &&
      (/^(img|iframe|x-)/.test(node.tagName) || toText(node).trim() !== '' || node.children.some(hasContent));

/** Takes the pictures (and the caption) out of wherever they sit inside `node`. */
function detach(node: Element, caption: Element | undefined): void {
  node.children = node.children.filter((c) => !isPicture(c) && c !== (caption as ElementContent | undefined));
  for (const child of node.children) if (isElement(child)) detach(child, caption);
}

/** A gallery: its pictures (each with its own caption), then whatever else it held (pictures not made local). */
function gallery(node: Element, inside: Element[], caption: Element | undefined, notes: Notes): ElementContent[] {
  detach(node, caption);
  const captionText = caption ? toText(caption).replace(/\s+/g, ' ').trim() : '';
  if (caption && caption.children.some((c) => isElement(c, 'a')))
    notes.changes.add('links in a gallery caption kept as its words');
  const rest = node.children.filter(hasContent);
  if (inside.length === 0) return [...rest, ...(caption ? [element('p', {}, caption.children)] : [])];
  return [element('x-gallery', { caption: captionText }, inside), ...rest];
}

/** One WordPress figure: a gallery, a captioned picture, or left as it is (no local picture in it). */
function figure(node: Element, notes: Notes): ElementContent[] {
  const caption = node.children.find((c): c is Element => isElement(c, 'figcaption'));
  const found = pictures(node, (e) => e === caption || e.tagName === 'a');
  if (hasClass(node, 'wp-block-gallery', 'gallery') || found.length > 1) return gallery(node, found, caption, notes);
  if (found.length !== 1) return [node];
  const picture = found[0]!;
  detach(node, caption);
  if (caption) picture.children = caption.children;
  return [picture, ...node.children.filter(hasContent)];
}

/** Splits a paragraph around the pictures in it: text before, the picture, text after. */
function splitParagraph(paragraph: Element): ElementContent[] {
  const out: ElementContent[] = [];
  let run: ElementContent[] = [];
  const flush = () => {
    if (run.some(hasContent)) out.push(element('p', {}, run));
    run = [];
  };
  for (const child of paragraph.children) {
    if (isPicture(child)) {
      flush();
      out.push(child);
    } else run.push(child);
  }
  flush();
  return out;
}

const fileWords = (src: string) =>
  (src.split('/').pop() ?? src)
    .replace(/\.[A-Za-z0-9]+$/, '')
    .replace(/[-_]+/g, ' ')
    .trim();

/** A picture nowhere a block may stand (in a link, a heading, a table cell) stays a Markdown image. */
function asImage(picture: Element): Element {
  return element('img', { src: picture.properties.src, alt: String(picture.properties.alt ?? '') }, []);
}

function describe(picture: Element, notes: Notes): void {
  if (String(picture.properties.alt ?? '').trim()) return;
  const caption = toText(element('span', {}, picture.children))
    .replace(/\s+/g, ' ')
    .trim();
  picture.properties.alt = caption || fileWords(String(picture.properties.src)) || 'Picture';
  notes.changes.add('picture without alt text: its caption or file name is its alt text (edit it)');
}

/** A picture in place: in a block it is a Figure (described when it has no alt text); elsewhere a Markdown image. */
function place(node: ElementContent, blockContext: boolean, notes: Notes): ElementContent {
  if (!isPicture(node)) {
    if (isElement(node, 'x-gallery')) node.children.forEach((c) => isPicture(c) && describe(c as Element, notes));
    return node;
  }
  if (!blockContext) return asImage(node as Element);
  describe(node as Element, notes);
  return node;
}

/** Places every local picture as a Figure (in a Gallery when WordPress showed a gallery). */
export function placePictures(tree: HastRoot, notes: Notes): void {
  const walk = (parent: HastRoot | Element, blockContext: boolean) => {
    const children: ElementContent[] = [];
    for (const child of parent.children as ElementContent[]) {
      if (!isElement(child)) {
        children.push(child);
        continue;
      }
      // A paragraph with pictures is split first, so the pictures stand between its parts.
      const parts =
        child.tagName === 'p' && blockContext && child.children.some(isPicture) ? splitParagraph(child) : [child];
      for (const part of parts) {
        if (!isElement(part) || isPicture(part)) {
          children.push(place(part, blockContext, notes));
          continue;
        }
        walk(part, blockParents.has(part.tagName));
        const placed = part.tagName === 'figure' ? figure(part, notes) : [part];
        children.push(...placed.map((node) => place(node, blockContext, notes)));
      }
    }
    parent.children = children as typeof parent.children;
  };
  walk(tree, true);
}
