/**
 * Markdown pictures (`![alt](../uploads/photo.jpg)`) in an article compiled at content sync: what
 * @astrojs/mdx does with them (rehype-images-to-component: astro:assets' `<Image>` with the
 * imported file), with the image read from `props.mediaImages` instead of imported. The paths are
 * added to `file.data.mediaImages` beside the media components' (the content layer resolves them),
 * and the element is `astro-image`, which src/article-content/body-content.ts maps to `<Image>`.
 */
import type { Element, Root } from 'hast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { mediaPropValue } from '../markdown/remark-media-components.ts';
import { imageElementName } from './compiled-body.ts';

export function rehypeImagesFromProps() {
  return (tree: Root, file: VFile) => {
    const data = file.data as { astro?: { localImagePaths?: string[] }; mediaImages?: string[] };
    const local = new Set(data.astro?.localImagePaths ?? []);
    if (local.size === 0) return;
    const images = new Set(data.mediaImages ?? []);
    visit(tree, 'element', (node: Element, index, parent) => {
      if (node.tagName !== 'img' || !node.properties.src || !parent || index === undefined) return;
      const src = decodeURI(String(node.properties.src));
      if (!local.has(src)) return;
      images.add(src);
      const attributes = Object.entries(node.properties)
        .filter(([name]) => name !== 'src')
        .map(([name, value]) => ({ type: 'mdxJsxAttribute', name, value: String(value) }));
      const picture = {
        type: 'mdxJsxFlowElement',
        name: imageElementName,
        attributes: [
          ...attributes,
          { type: 'mdxJsxAttribute', name: 'src', value: mediaPropValue('mediaImages', src) },
        ],
        children: [],
      };
      parent.children.splice(index, 1, picture as unknown as Element);
    });
    data.mediaImages = [...images];
  };
}
