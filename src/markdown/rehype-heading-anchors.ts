import type { Element, Root } from 'hast';
import rehypeAutolinkHeadings from 'rehype-autolink-headings';
import rehypeSlug from 'rehype-slug';

/** Headings a reader can link to: h2 and h3 that are shown (not the screen-reader-only footnotes label). */
function linkable(node: Element): boolean {
  if (node.tagName !== 'h2' && node.tagName !== 'h3') return false;
  const className = node.properties?.className;
  const classes = Array.isArray(className) ? className.map(String) : [];
  return !classes.includes('sr-only') && node.properties?.id !== 'footnote-label';
}

/**
 * Gives every h2/h3 of an article a stable id (GitHub-style slug of its text, made unique
 * within the article; an id written by hand wins) and turns the heading's text into a link
 * to itself, so a reader can copy a link to any section. The visible "#" mark is styled in
 * src/components/sharing/heading-anchors.css; the heading's accessible name stays its text.
 */
export function rehypeHeadingAnchors() {
  const slug = rehypeSlug();
  const autolink = rehypeAutolinkHeadings({
    behavior: 'wrap',
    test: linkable,
    properties: { className: ['heading-anchor'] },
  });
  return (tree: Root) => {
    slug(tree);
    autolink(tree);
  };
}
