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

/** `{name}` as an attribute value. */
function identifierValue(name: string) {
  return {
    type: 'mdxJsxAttributeValueExpression' as const,
    value: name,
    data: {
      estree: {
        type: 'Program',
        sourceType: 'module',
        body: [{ type: 'ExpressionStatement', expression: { type: 'Identifier', name } }],
      },
    },
  };
}

/** The third party an element embeds, if it is an embed. */
function embeddedProvider(name: string, attributes: Record<string, string>): string | undefined {
  if (name === 'YouTube') return 'youtube';
  if (name === 'Embed') return resolveEmbed(attributes.url!).provider;
  return undefined;
}

export function remarkMediaComponents() {
  return (tree: Root, file: VFile) => {
    const articleFile = file.path ? path.relative(process.cwd(), file.path) : 'an MDX file';
    const imports: ReturnType<typeof importNode>[] = [];
    const embeds = new Set<string>();
    let media = false;
    const fail = (element: JsxElement, problem: string): never => {
      throw new Error(`${articleFile}:${element.position?.start.line ?? '?'}: <${element.name}> ${problem}`);
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
        const local = `__mediaImage${imports.length}`;
        // Recordings, videos and documents are imported as the URL of a file of their own (Vite's `?url`,
        // never inlined as a data: URL, which the site's policy would block), images as images.
        imports.push(importNode(local, files.has(attributeName) ? `${value}?url&no-inline` : value));
        const attribute = element.attributes.find(
          (candidate) => candidate.type === 'mdxJsxAttribute' && (candidate as JsxAttribute).name === attributeName,
        ) as JsxAttribute;
        attribute.value = identifierValue(local);
      }
    });

    tree.children.unshift(...(imports as unknown as Root['children']));
    const data = file.data as { astro?: { frontmatter?: Record<string, unknown> } };
    data.astro ??= {};
    data.astro.frontmatter ??= {};
    data.astro.frontmatter.embeds = [...embeds].sort();
    data.astro.frontmatter.media = media;
  };
}
