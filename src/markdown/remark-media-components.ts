/**
 * Checks and wires the media components of an article body (`<Figure>`, `<Gallery>`,
 * `<YouTube>`, `<Embed>`) at compile time, so that mistakes stop the build naming the file
 * and line instead of showing a broken page:
 * - an image path (`src` of a Figure, `poster` of an embed) is relative to the article and
 *   becomes an import, so astro:assets optimises it like any other image; a missing file or
 *   a Figure without `alt` is an error;
 * - a YouTube id or an embed address is checked against src/embeds/providers.ts, and the
 *   providers the article embeds are recorded in its frontmatter (`embeds`), from which the
 *   page grows its Content-Security-Policy (and only that page); whether it has a player
 *   (`<Audio>`, `<Video>`) is recorded as `media`, from which the page allows `media-src 'self'`.
 *
 * - a file path (`src`/`captions` of `<Audio>`, `<Video>`, `<Download>`) is relative to the article
 *   and becomes an import of the file's URL (`?url&no-inline`: a file of its own, never a data: URL).
 *
 * With `{ images: 'props' }` (articles compiled at content sync, src/article-content/) an image
 * path becomes `props.mediaImages["./photo.jpg"]` and a file path `props.mediaFiles["./talk.mp3"]`
 * instead of an import, and the paths are listed in `file.data.mediaImages` and `file.data.mediaFiles`:
 * the content layer resolves images, src/article-content/media-files.ts files, and the page passes them in.
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { fileAttributes, imageAttributes, mediaElementProblem } from '../embeds/media-checks.ts';
import { resolveEmbed } from '../embeds/providers.ts';

interface JsxAttribute {
  type: 'mdxJsxAttribute';
  name: string;
  value?: string | { type: 'mdxJsxAttributeValueExpression'; value: string; data?: unknown } | null;
}
interface JsxElement {
  type: 'mdxJsxFlowElement' | 'mdxJsxTextElement';
  name: string | null;
  attributes: (JsxAttribute | { type: 'mdxJsxExpressionAttribute' })[];
  position?: { start: { line: number } };
}

/** The element's attributes that have a plain string value. */
function stringAttributes(element: JsxElement): Record<string, string> {
  const attributes: Record<string, string> = {};
  for (const attribute of element.attributes) {
    if (attribute.type === 'mdxJsxAttribute' && typeof (attribute as JsxAttribute).value === 'string')
      attributes[(attribute as JsxAttribute).name] = (attribute as JsxAttribute).value as string;
  }
  return attributes;
}

const hasAttribute = (element: JsxElement, name: string) =>
  element.attributes.some(
    (candidate) => candidate.type === 'mdxJsxAttribute' && (candidate as JsxAttribute).name === name,
  );

/** `import name from "source"` as the MDX ESM node the compiler expects (with its estree). */
function importNode(name: string, source: string) {
  return {
    type: 'mdxjsEsm',
    value: `import ${name} from ${JSON.stringify(source)}`,
    data: {
      estree: {
        type: 'Program',
        sourceType: 'module',
        body: [
          {
            type: 'ImportDeclaration',
            specifiers: [{ type: 'ImportDefaultSpecifier', local: { type: 'Identifier', name } }],
            source: { type: 'Literal', value: source, raw: JSON.stringify(source) },
          },
        ],
      },
    },
  };
}

/** An expression (`{name}` or `{props.mediaImages["./photo.jpg"]}`) as an attribute value. */
function expressionValue(value: string, expression: unknown) {
  return {
    type: 'mdxJsxAttributeValueExpression' as const,
    value,
    data: { estree: { type: 'Program', sourceType: 'module', body: [{ type: 'ExpressionStatement', expression }] } },
  };
}

/** The third party an element embeds, if it is an embed. */
function embeddedProvider(name: string, attributes: Record<string, string>): string | undefined {
  if (name === 'YouTube') return 'youtube';
  if (name === 'Embed') return resolveEmbed(attributes.url!).provider;
  return undefined;
}

const identifierValue = (name: string) => expressionValue(name, { type: 'Identifier', name });

/** `props[prop][source]`: the image (`mediaImages`) or file URL (`mediaFiles`) the page hands the compiled body. */
export function mediaPropValue(prop: 'mediaImages' | 'mediaFiles', source: string) {
  const literal = JSON.stringify(source);
  const member = (object: unknown, property: unknown, computed: boolean) => ({
    type: 'MemberExpression',
    object,
    property,
    computed,
    optional: false,
  });
  const media = member({ type: 'Identifier', name: 'props' }, { type: 'Identifier', name: prop }, false);
  return expressionValue(
    `props.${prop}[${literal}]`,
    member(media, { type: 'Literal', value: source, raw: literal }, true),
  );
}

export interface MediaComponentsOptions {
  /** 'import' (default): image and file paths become imports; 'props': they are read from `props.mediaImages` and `props.mediaFiles`. */
  images?: 'import' | 'props';
}

export function remarkMediaComponents(options: MediaComponentsOptions = {}) {
  const imagesFromProps = options.images === 'props';
  return (tree: Root, file: VFile) => {
    const articleFile = file.path ? path.relative(process.cwd(), file.path) : 'an MDX file';
    const imports: ReturnType<typeof importNode>[] = [];
    const embeds = new Set<string>();
    let media = false;
    const images = new Set<string>();
    const mediaFiles = new Set<string>();
    const fail = (element: JsxElement, problem: string): never => {
      throw new Error(`${articleFile}:${element.position?.start.line ?? '?'}: <${element.name}> ${problem}`);
    };

    /** The path as an import (default) or as what the page passes in (`images: 'props'`), recorded. */
    const wire = (attribute: JsxAttribute, value: string, isFile: boolean) => {
      if (imagesFromProps) {
        (isFile ? mediaFiles : images).add(value);
        attribute.value = mediaPropValue(isFile ? 'mediaFiles' : 'mediaImages', value);
        return;
      }
      const local = `__mediaImage${imports.length}`;
      // Recordings, videos and documents are imported as the URL of a file of their own (Vite's `?url`,
      // never inlined as a data: URL, which the site's policy would block), images as images.
      imports.push(importNode(local, isFile ? `${value}?url&no-inline` : value));
      attribute.value = identifierValue(local);
    };

    visit(tree, (node) => {
      if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
      const element = node as unknown as JsxElement;
      const name = element.name ?? '';
      const attributes = stringAttributes(element);
      const problem = mediaElementProblem(name, attributes, (attribute) => hasAttribute(element, attribute));
      if (problem) fail(element, problem);
      const embedded = embeddedProvider(name, attributes);
      if (embedded) embeds.add(embedded);
      if (name === 'Audio' || name === 'Video') media = true;
      const files = new Set(fileAttributes[name] ?? []);
      for (const attributeName of [...(imageAttributes[name] ?? []), ...files]) {
        const value = attributes[attributeName];
        if (value === undefined) continue;
        if (file.path && !existsSync(path.resolve(path.dirname(file.path), value))) {
          fail(element, `${attributeName}="${value}": no such file next to the article`);
        }
        const attribute = element.attributes.find(
          (candidate) => candidate.type === 'mdxJsxAttribute' && (candidate as JsxAttribute).name === attributeName,
        ) as JsxAttribute;
        wire(attribute, value, files.has(attributeName));
      }
    });

    tree.children.unshift(...(imports as unknown as Root['children']));
    const data = file.data as {
      astro?: { frontmatter?: Record<string, unknown> };
      mediaImages?: string[];
      mediaFiles?: string[];
    };
    if (imagesFromProps) {
      data.mediaImages = [...images];
      data.mediaFiles = [...mediaFiles];
    }
    data.astro ??= {};
    data.astro.frontmatter ??= {};
    data.astro.frontmatter.embeds = [...embeds].sort();
    data.astro.frontmatter.media = media;
  };
}
