/**
 * The admin's save guard: what Decap lets through but the build would refuse, or would
 * render differently from what the editor showed. Runs in the browser before each save
 * (admin/setup.ts) and in the unit tests; the same schema the build uses decides.
 */
import { compile } from '@mdx-js/mdx';
import { visit } from 'unist-util-visit';
import { mediaElementProblem } from '../embeds/media-checks.ts';
import { lostMdx, lostMdxProblem } from './mdx-preservation.ts';
import { articleShapeSchema } from './schema-fields.ts';

/** Components an article body may use (the ones src/pages/articles/[id].astro passes to MDX). */
export const bodyComponents = ['PullQuote', 'Figure', 'Gallery', 'YouTube', 'Embed'] as const;

export interface EntryCheck {
  /** Frontmatter paths to drop before saving: optional fields Decap writes as empty strings or empty lists. */
  remove: string[][];
  /** Values to write instead of Decap's: dates it would write with milliseconds. */
  replace: Array<[keys: string[], value: string]>;
  /** What stops the save, one sentence each. */
  problems: string[];
}

const isBlank = (value: unknown) =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0);

/** Optional fields left empty, which the schema would refuse as empty strings. */
function emptyOptionalFields(data: Record<string, unknown>, optional: readonly string[]): string[][] {
  const remove = optional.filter((name) => name in data && isBlank(data[name])).map((name) => [name]);
  const image = data.image as Record<string, unknown> | undefined | null;
  if (image && typeof image === 'object') {
    const filled = Object.entries(image).filter(([, value]) => !isBlank(value));
    if (filled.length === 0) remove.push(['image']);
    else
      for (const [name, value] of Object.entries(image))
        if (isBlank(value) && name !== 'alt' && name !== 'src') remove.push(['image', name]);
  } else if ('image' in data) remove.push(['image']);
  return remove;
}

function without(data: Record<string, unknown>, remove: readonly string[][]): Record<string, unknown> {
  const copy = structuredClone(data);
  for (const keys of remove) {
    const parent = keys
      .slice(0, -1)
      .reduce<Record<string, unknown>>((object, key) => object[key] as Record<string, unknown>, copy);
    delete parent[keys.at(-1)!];
  }
  return copy;
}

interface JsxNode {
  type: string;
  name?: string | null;
  attributes?: { type: string; name?: string; value?: unknown }[];
  position?: { start: { line: number } };
}

/** A remark plugin noting the first media component the build would refuse (media-checks.ts). */
function noteMediaProblems(problems: string[]) {
  return () => (tree: JsxNode) => {
    visit(tree as never, (node: JsxNode) => {
      if ((node.type !== 'mdxJsxFlowElement' && node.type !== 'mdxJsxTextElement') || !node.name) return;
      const attributes = node.attributes ?? [];
      const strings = Object.fromEntries(
        attributes
          .filter((attribute) => typeof attribute.value === 'string')
          .map((attribute) => [attribute.name, attribute.value as string]),
      );
      const problem = mediaElementProblem(node.name, strings, (name) =>
        attributes.some((attribute) => attribute.name === name),
      );
      if (problem) problems.push(`The <${node.name}> at line ${node.position?.start.line ?? '?'} ${problem}.`);
    });
  };
}

/** The body must compile as MDX and use only the components the site provides, as the build accepts them; null when it does. */
export async function bodyProblem(body: string): Promise<string | null> {
  const media: string[] = [];
  try {
    await compile(body, { format: 'mdx', remarkPlugins: [noteMediaProblems(media)] });
  } catch (error) {
    const place = (error as { line?: number }).line ? ` at line ${(error as { line: number }).line}` : '';
    const reason = (error as { reason?: string }).reason ?? String(error);
    return (
      `The body is not valid MDX${place}: ${reason}. Braces and angle brackets typed in the editor are read as ` +
      'MDX code: leave them out, or edit the file in the repository; nothing was saved.'
    );
  }
  const unknown = [...body.matchAll(/<([A-Z][A-Za-z0-9]*)/g)]
    .map((match) => match[1]!)
    .filter((name) => !(bodyComponents as readonly string[]).includes(name));
  if (unknown.length > 0) {
    const tags = (names: readonly string[]) => names.map((name) => `<${name}>`).join(', ');
    return `The body uses ${tags([...new Set(unknown)])}, which the site does not provide (only ${tags(bodyComponents)}).`;
  }
  return media[0] ?? null;
}

/**
 * A date the editor did not touch reaches the guard as the Date the YAML parser made of it, which
 * Decap would write with milliseconds ("…T09:00:00.000Z"); it is written back in the site's form.
 */
function unchangedDates(frontmatter: Record<string, unknown>): Array<[string[], string]> {
  return ['date', 'updated']
    .filter((name) => frontmatter[name] instanceof Date && !Number.isNaN((frontmatter[name] as Date).getTime()))
    .map((name) => [[name], (frontmatter[name] as Date).toISOString().replace(/\.000Z$/, 'Z')]);
}

/**
 * Checks an article as the admin would save it: frontmatter against the schema, then the body,
 * which must compile and, for an existing article, keep the MDX the editor cannot show
 * (`loadedBody`: the body as the file had it).
 */
export async function checkArticle(data: Record<string, unknown>, loadedBody?: string): Promise<EntryCheck> {
  const { body = '', ...frontmatter } = data;
  const remove = emptyOptionalFields(frontmatter, ['updated', 'section', 'canonical', 'corrections']);
  const problems: string[] = [];
  const image = frontmatter.image as Record<string, unknown> | undefined;
  if (image && !remove.some((keys) => keys.length === 1 && keys[0] === 'image')) {
    if (isBlank(image.src)) problems.push('image: choose an image, or clear the hero image’s text fields.');
    else if (isBlank(image.alt))
      problems.push('image.alt is required: describe the image for readers who cannot see it.');
  }
  const result = articleShapeSchema().safeParse(without(frontmatter, remove));
  if (!result.success) {
    for (const issue of result.error.issues) {
      const message = issue.message;
      // The schema's messages already name their field; other messages get the path in front.
      const named =
        issue.path.length === 0 || message.startsWith(String(issue.path[0]))
          ? message
          : `${issue.path.join('.')}: ${message}`;
      if (!problems.some((problem) => problem.startsWith(String(issue.path.join('.'))))) problems.push(named);
    }
  }
  const bodyCheck =
    (loadedBody && lostMdxProblem(lostMdx(loadedBody, String(body)))) || (await bodyProblem(String(body)));
  if (bodyCheck) problems.push(bodyCheck);
  return { remove, replace: unchangedDates(frontmatter), problems };
}
