/**
 * Checks and wires the media components of an article body (`<Figure>`, `<Gallery>`,
 * `<YouTube>`, `<Embed>`) at compile time, so that mistakes stop the build naming the file
 * and line instead of showing a broken page:
 * - an image path (`src` of a Figure, `poster` of an embed) is relative to the article and
 *   becomes an import, so astro:assets optimises it like any other image; a missing file or
 *   a Figure without `alt` is an error;
 * - a YouTube id or an embed address is checked against src/embeds/providers.ts, and the
 *   providers the article embeds are recorded in its frontmatter (`embeds`), from which the
 *   page grows its Content-Security-Policy (and only that page).
 */
import { existsSync } from 'node:fs';
import path from 'node:path';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';
import { resolveEmbed, youtubeEmbed } from '../embeds/providers.ts';

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

/** The components whose image attributes are paths relative to the article. */
const imageAttributes: Record<string, string[]> = { Figure: ['src'], YouTube: ['poster'], Embed: ['poster'] };

const stringAttribute = (element: JsxElement, name: string): string | undefined => {
  const attribute = element.attributes.find((candidate): candidate is JsxAttribute => candidate.type === 'mdxJsxAttribute' && candidate.name === name);
  return typeof attribute?.value === 'string' ? attribute.value : undefined;
};

const hasAttribute = (element: JsxElement, name: string) =>
  element.attributes.some((candidate) => candidate.type === 'mdxJsxAttribute' && (candidate as JsxAttribute).name === name);

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

export function remarkMediaComponents() {
  return (tree: Root, file: VFile) => {
    const articleFile = file.path ? path.relative(process.cwd(), file.path) : 'an MDX file';
    const imports: ReturnType<typeof importNode>[] = [];
    const embeds = new Set<string>();
    const fail = (element: JsxElement, problem: string): never => {
      throw new Error(`${articleFile}:${element.position?.start.line ?? '?'}: <${element.name}> ${problem}`);
    };

    visit(tree, (node) => {
      if (node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') return;
      const element = node as unknown as JsxElement;
      const name = element.name ?? '';
      if (name === 'Figure' && !stringAttribute(element, 'alt')?.trim()) {
        fail(element, 'needs an alt text describing the image: alt="…"');
      }
      if (name === 'YouTube') {
        const id = stringAttribute(element, 'id');
        if (!id) fail(element, 'needs the video id: id="…"');
        try {
          youtubeEmbed(id!);
        } catch (error) {
          fail(element, (error as Error).message);
        }
        embeds.add('youtube');
      }
      if (name === 'Embed') {
        const url = stringAttribute(element, 'url');
        if (!url) fail(element, 'needs the address of the post, video or map: url="https://…"');
        try {
          embeds.add(resolveEmbed(url!).provider);
        } catch (error) {
          fail(element, (error as Error).message);
        }
      }
      for (const attributeName of imageAttributes[name] ?? []) {
        const value = stringAttribute(element, attributeName);
        if (value === undefined) {
          if (attributeName === 'src' && !hasAttribute(element, 'src')) fail(element, 'needs an image: src="./images/photo.jpg"');
          continue;
        }
        if (!/^\.\.?\//.test(value)) fail(element, `${attributeName}="${value}" must be a path relative to the article, starting with ./ or ../`);
        if (file.path && !existsSync(path.resolve(path.dirname(file.path), value))) {
          fail(element, `${attributeName}="${value}": no such file next to the article`);
        }
        const local = `__mediaImage${imports.length}`;
        imports.push(importNode(local, value));
        const attribute = element.attributes.find((candidate) => candidate.type === 'mdxJsxAttribute' && (candidate as JsxAttribute).name === attributeName) as JsxAttribute;
        attribute.value = identifierValue(local);
      }
    });

    tree.children.unshift(...(imports as unknown as Root['children']));
    const data = file.data as { astro?: { frontmatter?: Record<string, unknown> } };
    data.astro ??= {};
    data.astro.frontmatter ??= {};
    data.astro.frontmatter.embeds = [...embeds].sort();
  };
}
