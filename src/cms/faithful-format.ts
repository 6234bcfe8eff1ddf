/**
 * The admin's file format (registered with Decap as a custom format by browser/setup.ts): reads
 * an article (YAML frontmatter and MDX body) or an author (YAML) into the values Decap edits, and
 * writes the edited values back by merging them into the file as it was, with the `yaml`
 * package's Document API. What did not change keeps its comments, order, quoting and blank
 * lines, so a one-word fix is a one-line diff; a file saved with no value changed is written back
 * byte for byte. A new file is written in the field order given (the form's order), leaving out
 * values equal to the schema's defaults.
 */
import { isMap, isScalar, isSeq, parseDocument, type Document, type Node, type Pair, type YAMLMap } from 'yaml';

/** How files of a collection are laid out: field order for new keys, schema defaults, list-valued fields. */
export interface FileLayout {
  /** Every frontmatter field, in the order a new file lists them. */
  order: readonly string[];
  /** The schema's defaults: a value equal to its default is not written into a file that lacks it. */
  defaults: Readonly<Record<string, unknown>>;
  /** Fields the admin edits as a list though a file may hold a single value (author: id). */
  listFields?: readonly string[];
}

/** An article file cut into its parts; `yaml` without the `---` lines, `body` without the blank lines before it. */
interface ArticleParts {
  yaml: string;
  /** The newlines between the closing `---` line and the body. */
  gap: string;
  body: string;
  /** The newlines at the end of the file. */
  ending: string;
}

const frontmatterPattern = /^---[ \t]*\r?\n([\s\S]*?\r?\n)?---[ \t]*(?:\r?\n|$)/;

export function splitArticle(text: string): ArticleParts {
  const match = frontmatterPattern.exec(text);
  const rest = match ? text.slice(match[0].length) : text;
  const gap = /^(?:\r?\n)*/.exec(rest)![0];
  const ending = /(?:\r?\n)*$/.exec(rest.slice(gap.length))![0];
  return { yaml: match?.[1] ?? '', gap, body: rest.slice(gap.length, rest.length - ending.length), ending };
}

/** The document's top-level map, made one if the YAML was empty. */
function topMap(document: Document): YAMLMap {
  if (!isMap(document.contents)) document.contents = document.createNode({}) as never;
  return document.contents as unknown as YAMLMap;
}

function parseYaml(yaml: string, where: string): Document {
  const document = parseDocument(yaml);
  if (document.errors.length > 0) throw new Error(`${where}: ${document.errors[0]!.message}`);
  return document;
}

/** The values Decap edits: the YAML's, with list fields as lists and absent fields at their defaults. */
function editorValues(document: Document, layout: FileLayout): Record<string, unknown> {
  const values = (document.toJS() ?? {}) as Record<string, unknown>;
  for (const name of layout.listFields ?? []) if (typeof values[name] === 'string') values[name] = [values[name]];
  for (const [name, value] of Object.entries(layout.defaults)) if (!(name in values)) values[name] = value;
  return values;
}

/** Reads an article file: its frontmatter's values and `body`. */
export function readArticle(text: string, layout: FileLayout): Record<string, unknown> {
  const { yaml, body } = splitArticle(text);
  return { ...editorValues(parseYaml(yaml, 'the frontmatter'), layout), body };
}

/** Reads a YAML file (an author). */
export function readYaml(text: string, layout: FileLayout): Record<string, unknown> {
  return editorValues(parseYaml(text, 'the file'), layout);
}

const isBlank = (value: unknown): boolean =>
  value === undefined ||
  value === null ||
  (typeof value === 'string' && value.trim() === '') ||
  (Array.isArray(value) && value.length === 0) ||
  (typeof value === 'object' && !Array.isArray(value) && Object.values(value as object).every(isBlank));

const isPlainValue = (value: unknown) => value === null || typeof value !== 'object';

function sameValue(a: unknown, b: unknown): boolean {
  if (isPlainValue(a) || isPlainValue(b)) return a === b;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  const keysA = Object.keys(a as object).filter((key) => !isBlank((a as Record<string, unknown>)[key]));
  const keysB = Object.keys(b as object).filter((key) => !isBlank((b as Record<string, unknown>)[key]));
  return (
    keysA.length === keysB.length &&
    keysA.every((key) => sameValue((a as Record<string, unknown>)[key], (b as Record<string, unknown>)[key]))
  );
}

/** An object's blank fields left out, so a new value does not spell out empty strings. */
function withoutBlanks(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutBlanks);
  if (!value || typeof value !== 'object' || value instanceof Date) return value;
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, item]) => !isBlank(item))
      .map(([key, item]) => [key, withoutBlanks(item)]),
  );
}

/** A Date from a widget, written as the site writes dates (no milliseconds). */
const fileValue = (value: unknown) =>
  value instanceof Date ? value.toISOString().replace(/\.000Z$/, 'Z') : (value as unknown);

/** Gives `pair` the new value, keeping its node (and so its comments and quoting) wherever the shape allows. */
function updatePair(document: Document, pair: Pair, value: unknown): void {
  const node = pair.value as Node | null;
  if (isScalar(node) && isPlainValue(value)) {
    node.value = value;
  } else if (isScalar(node) && Array.isArray(value) && value.length === 1 && isPlainValue(value[0])) {
    // `author: id` edited as a list of one stays a single value.
    node.value = value[0];
  } else if (isMap(node) && value && typeof value === 'object' && !Array.isArray(value)) {
    mergeMap(document, node, value as Record<string, unknown>, Object.keys(value), {});
  } else if (isSeq(node) && Array.isArray(value)) {
    value.forEach((item, index) => {
      const existing = node.items[index] as Node | undefined;
      if (existing && sameValue(existing.toJSON(), item)) return;
      if (isScalar(existing) && isPlainValue(item)) existing.value = item;
      else if (isMap(existing) && item && typeof item === 'object' && !Array.isArray(item))
        mergeMap(document, existing, item as Record<string, unknown>, Object.keys(item), {});
      else node.items[index] = document.createNode(withoutBlanks(item));
    });
    node.items.splice(value.length);
  } else {
    pair.value = document.createNode(withoutBlanks(value));
  }
}

/** Inserts a new key among the others where `order` puts it, so new fields land in the documented order. */
function insertInOrder(document: Document, map: YAMLMap, key: string, value: unknown, order: readonly string[]): void {
  const position = order.indexOf(key);
  const rank = (item: Pair) => order.indexOf(String(isScalar(item.key) ? item.key.value : item.key));
  const next = position < 0 ? -1 : map.items.findIndex((item) => rank(item) > position);
  const lastBefore = map.items.findLastIndex((item) => rank(item) >= 0 && rank(item) < position);
  const index = lastBefore >= 0 ? lastBefore + 1 : next >= 0 ? next : map.items.length;
  map.items.splice(index, 0, document.createPair(key, withoutBlanks(value)));
}

const isDefault = (defaults: Readonly<Record<string, unknown>>, name: string, value: unknown) =>
  name in defaults && sameValue(defaults[name], value);

/** Gives an existing key its new value: kept when equal, removed when emptied or set back to its default. */
function mergeExisting(document: Document, map: YAMLMap, pair: Pair, value: unknown, isDefaultValue: boolean): void {
  const current = (pair.value as Node | null)?.toJSON?.() ?? pair.value;
  const single = Array.isArray(value) && value.length === 1 && typeof current === 'string';
  if (sameValue(current, single ? (value as unknown[])[0] : value)) return;
  // Emptied, or set back to the schema's default: the key goes, as a new file would not have it.
  if (isBlank(value) || isDefaultValue) map.delete(pair.key);
  else updatePair(document, pair, value);
}

/** Merges `values` into `map`: changed values updated in place, emptied ones removed, new ones inserted in order. */
function mergeMap(
  document: Document,
  map: YAMLMap,
  values: Record<string, unknown>,
  order: readonly string[],
  defaults: Readonly<Record<string, unknown>>,
): void {
  const names = [...new Set([...order, ...Object.keys(values)])].filter((name) => name !== 'body');
  for (const name of names) {
    if (!order.includes(name) && !map.has(name)) continue;
    const value = fileValue(values[name]);
    const pair = map.items.find((item) => (isScalar(item.key) ? item.key.value : item.key) === name);
    if (pair) mergeExisting(document, map, pair, value, isDefault(defaults, name, value));
    else if (!isBlank(value) && !isDefault(defaults, name, value)) insertInOrder(document, map, name, value, order);
  }
}

/** The new YAML text: the original untouched when no value changed, otherwise the merged document. */
function mergedYaml(original: string, values: Record<string, unknown>, layout: FileLayout): string {
  const document = parseYaml(original, 'the file as loaded');
  const single = (layout.listFields ?? []).filter((name) => {
    const value = values[name];
    return Array.isArray(value) && value.length === 1 && !document.has(name);
  });
  // A new file names a single author as `author: id`, as `npm run new` does.
  const prepared = { ...values };
  for (const name of single) prepared[name] = (values[name] as unknown[])[0];
  const options = { lineWidth: 0, indentSeq: !/^\S[^\n]*:\r?\n- /m.test(original) };
  const before = document.toString(options);
  mergeMap(document, topMap(document), prepared, layout.order, layout.defaults);
  const after = document.toString(options);
  if (after === before && original !== '') return original;
  return after === '{}\n' ? '' : after;
}

/**
 * Writes an article: `values` (with `body`) merged into `original`, the file as loaded (undefined
 * for a new article). The body keeps the blank lines before it and the newlines after it.
 */
export function writeArticle(
  values: Record<string, unknown>,
  original: string | undefined,
  layout: FileLayout,
): string {
  const parts = original === undefined ? undefined : splitArticle(original);
  const body = String(values.body ?? '')
    .replace(/^(?:\r?\n)+/, '')
    .replace(/(?:\r?\n)+$/, '');
  const yaml = mergedYaml(parts?.yaml ?? '', values, layout);
  return `---\n${yaml}---\n${parts?.gap || '\n'}${body}${parts?.ending || '\n'}`;
}

/** Writes a YAML file (an author): `values` merged into `original` (undefined for a new one). */
export function writeYaml(values: Record<string, unknown>, original: string | undefined, layout: FileLayout): string {
  return mergedYaml(original ?? '', values, layout);
}
