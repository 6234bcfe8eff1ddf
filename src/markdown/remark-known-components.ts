/**
 * Stops the compile of an article body that uses a component the page does not provide, or
 * imports or exports code, naming the file, line and column. Articles compiled at content sync
 * (src/article-content/) get their components from the page, so anything else would only fail
 * when the page is rendered, or render nothing.
 */
import path from 'node:path';
import type { Root } from 'mdast';
import type { VFile } from 'vfile';
import { visit } from 'unist-util-visit';

interface Positioned {
  type: string;
  name?: string | null;
  position?: { start: { line: number; column: number } };
}

export interface KnownComponentsOptions {
  /** The components the page passes to the body (src/components/media/index.ts). */
  components: readonly string[];
}

const isComponentName = (name: string) => /^[A-Z]/.test(name) || name.includes('.');

export function remarkKnownComponents({ components }: KnownComponentsOptions) {
  const known = new Set(components);
  const list = components.map((name) => `<${name}>`).join(', ');
  return (tree: Root, file: VFile) => {
    const fail = (node: Positioned, problem: string): never => {
      const start = node.position?.start;
      const where = file.path ? path.relative(process.cwd(), file.path) : 'an MDX file';
      throw new Error(`${where}:${start?.line ?? '?'}:${start?.column ?? '?'}: ${problem}`);
    };
    visit(tree, (node) => {
      const element = node as Positioned;
      if (element.type === 'mdxjsEsm') {
        fail(element, `an article cannot import or export code; use the components the site provides (${list})`);
      }
      if (element.type !== 'mdxJsxFlowElement' && element.type !== 'mdxJsxTextElement') return;
      const name = element.name ?? '';
      if (isComponentName(name) && !known.has(name)) {
        fail(element, `<${name}> is not a component articles can use (only ${list})`);
      }
    });
  };
}
