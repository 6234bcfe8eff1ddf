/**
 * The admin's fields, derived from the frontmatter schemas in src/articles/schema.ts.
 *
 * The schema decides which fields exist, which are required and how long text may be; the
 * tables below only choose a Decap widget for each field. A schema field without a widget
 * stops the build (and the unit test) so the admin can never silently lack a field.
 */
import { z } from 'astro/zod';
import { articleSchema, authorSchema } from '../articles/schema.ts';
import type { FileLayout } from './faithful-format.ts';

/** What the widget tables say about a field: the Decap widget and its options (the subset this site uses). */
interface WidgetSpec {
  label: string;
  widget: string;
  hint?: string;
  pattern?: [string, string];
  /** An object's sub-fields, by name. */
  fields?: Array<WidgetSpec & { name: string }>;
  collection?: string;
  value_field?: string;
  search_fields?: string[];
  display_fields?: string[];
  format?: string;
  picker_utc?: boolean;
  min?: number;
  collapsed?: boolean;
  choose_url?: boolean;
  multiple?: boolean;
  summary?: string;
}

/** One Decap CMS field: the widget table's part plus what the schema decides. */
export interface CmsField extends Omit<WidgetSpec, 'fields'> {
  name: string;
  required?: boolean;
  default?: unknown;
  fields?: CmsField[];
}

/** Placeholders for the content layer's helpers: the admin only needs the shape of the schema. */
const shapeHelpers = { image: () => z.string(), author: z.string() };

/** The object schema under Astro's refinements and transforms. */
function objectShape(schema: z.ZodType): Record<string, z.ZodType> {
  let current: z.ZodType = schema;
  while (!(current instanceof z.ZodObject)) {
    if (current instanceof z.ZodPipe) current = current.in as z.ZodType;
    else throw new Error(`expected an object schema, got ${current.def.type}`);
  }
  return current.shape as Record<string, z.ZodType>;
}

/** The schema under optional()/default() wrappers. */
function unwrap(schema: z.ZodType): z.ZodType {
  if (schema instanceof z.ZodOptional || schema instanceof z.ZodDefault)
    return unwrap(schema.def.innerType as z.ZodType);
  return schema;
}

/** A value may be left out when the schema accepts undefined for it (optional, or with a default). */
const isRequired = (schema: z.ZodType) => !schema.safeParse(undefined).success;

/** The schema's length limit as a Decap pattern, so the admin refuses what the build would. */
function lengthPattern(name: string, schema: z.ZodType): [string, string] | undefined {
  const inner = unwrap(schema);
  if (!(inner instanceof z.ZodString) || inner.maxLength === null) return undefined;
  return [`^[\\s\\S]{0,${inner.maxLength}}$`, `${name} must be at most ${inner.maxLength} characters`];
}

/** Maps each field of `schema` to its widget; throws naming any schema field that has none. */
export function fieldsFromSchema(schema: z.ZodType, widgets: Record<string, WidgetSpec>, where: string): CmsField[] {
  const shape = objectShape(schema);
  const missing = Object.keys(shape).filter((name) => !(name in widgets));
  if (missing.length > 0) {
    throw new Error(
      `${where}: the schema has ${missing.map((name) => `"${name}"`).join(', ')} but the admin offers no widget for it; ` +
        'add one in src/cms/schema-fields.ts',
    );
  }
  const stale = Object.keys(widgets).filter((name) => !(name in shape));
  if (stale.length > 0) throw new Error(`${where}: widgets for fields the schema no longer has: ${stale.join(', ')}`);
  // The widget table's order is the form's order, and the order of a new file's fields (faithful-format.ts).
  return Object.entries(widgets).map(([name, { fields: subFields, ...spec }]) => {
    const fieldSchema = shape[name]!;
    const field: CmsField = { name, ...spec, required: isRequired(fieldSchema) };
    const pattern = lengthPattern(name, fieldSchema);
    if (pattern) field.pattern = pattern;
    const defaultValue = fieldSchema instanceof z.ZodDefault ? fieldSchema.def.defaultValue : undefined;
    if (defaultValue !== undefined) field.default = defaultValue;
    if (subFields) {
      const subWidgets = Object.fromEntries(subFields.map(({ name: subName, ...subSpec }) => [subName, subSpec]));
      const inner = unwrap(fieldSchema);
      // A list of objects (corrections) describes the objects it holds.
      const itemSchema = inner instanceof z.ZodArray ? (inner.element as z.ZodType) : inner;
      field.fields = fieldsFromSchema(itemSchema, subWidgets, `${where} ${name}`);
    }
    return field;
  });
}

export interface ArticleFieldOptions {
  /** Tags already used by articles, offered in the tag field's hint. */
  knownTags: readonly string[];
  /** IANA time zone of the site: date-times are picked in it. */
  timeZone: string;
}

/**
 * A date-time picker. With the site in UTC, times are picked and stored in UTC
 * (`2026-01-02T10:00:00Z`, as the articles are written); otherwise Decap can only pick in the
 * browser's zone, so the offset is stored with the time and nothing is silently shifted.
 */
const dateTime = (label: string, timeZone: string, hint = ''): WidgetSpec => {
  const utc = timeZone === 'UTC';
  return {
    label,
    widget: 'datetime',
    format: utc ? 'YYYY-MM-DDTHH:mm:ss[Z]' : 'YYYY-MM-DDTHH:mm:ssZ',
    picker_utc: utc,
    hint: `${utc ? 'Time zone: UTC.' : 'In your computer’s time zone (saved with its offset).'}${hint}`,
  };
};

/** Widgets for each frontmatter field of an article. */
function articleWidgets({ knownTags, timeZone }: ArticleFieldOptions): Record<string, WidgetSpec> {
  return {
    title: { label: 'Headline', widget: 'string', hint: 'At most 140 characters.' },
    description: { label: 'Standfirst', widget: 'text', hint: 'One or two sentences under the headline.' },
    author: {
      label: 'Authors',
      widget: 'relation',
      collection: 'authors',
      value_field: '{{slug}}',
      search_fields: ['name'],
      display_fields: ['name'],
      multiple: true,
      hint: 'One or more; the byline names them in this order.',
    },
    date: dateTime(
      'Publication date',
      timeZone,
      ' A date in the future schedules the article: the first build after that time publishes it.',
    ),
    updated: dateTime('Updated', timeZone),
    section: {
      label: 'Section',
      widget: 'string',
      hint: 'The small label above the headline, e.g. World. Leave it empty to use the first tag.',
    },
    tags: {
      label: 'Tags',
      widget: 'list',
      min: 1,
      hint: `At least one topic; separate them with commas.${knownTags.length > 0 ? ` Topics in use: ${knownTags.join(', ')}` : ''}`,
    },
    image: {
      label: 'Hero image',
      widget: 'object',
      collapsed: false,
      hint: 'The photo at the top of the story. Alt text (what the photo shows) is required when there is a photo.',
      fields: [
        { name: 'src', label: 'Image', widget: 'image', choose_url: false },
        { name: 'alt', label: 'Alt text', widget: 'string' },
        { name: 'caption', label: 'Caption', widget: 'string' },
        { name: 'credit', label: 'Credit', widget: 'string' },
      ],
    },
    draft: { label: 'Draft (never published)', widget: 'boolean' },
    canonical: {
      label: 'Canonical URL',
      widget: 'string',
      hint: 'Only for a story first published elsewhere: the address of the original.',
      pattern: ['^https?://\\S+$', 'canonical must be an absolute URL'],
    },
    comments: { label: 'Comments open', widget: 'boolean' },
    corrections: {
      label: 'Corrections',
      widget: 'list',
      summary: '{{fields.date}}: {{fields.text}}',
      hint: 'Each correction is shown, dated, at the top of the article and counts as an update.',
      fields: [
        { name: 'date', ...dateTime('Date of the correction', timeZone) },
        { name: 'text', label: 'What was wrong, and what is right', widget: 'text' },
      ],
    },
    featured: { label: 'Featured (the front page’s lead until a newer featured story)', widget: 'boolean' },
    breaking: { label: 'Breaking (a “Breaking” label on the front page and the article)', widget: 'boolean' },
    lang: {
      label: 'Language',
      widget: 'string',
      hint: 'BCP 47 tag, e.g. en, ar, fr, pt-BR. Right-to-left languages (ar, he, fa, ur) are laid out right to left.',
    },
  };
}

/** Widgets for each field of an author. */
const authorWidgets: Record<string, WidgetSpec> = {
  name: { label: 'Name', widget: 'string' },
  bio: { label: 'Biography', widget: 'text' },
  url: { label: 'Web page', widget: 'string', pattern: ['^https?://\\S+$', 'url must be an absolute URL'] },
  avatar: { label: 'Photo', widget: 'image', choose_url: false },
};

/**
 * The hero image's sub-fields are all optional in the admin: Decap refuses to save an optional
 * object whose sub-fields are required even when the object is left empty. The save guard
 * (entry-check.ts) enforces the schema's rule instead: an image needs its alt text.
 */
function optionalSubFields(fields: CmsField[]): CmsField[] {
  return fields.map((field) =>
    field.fields ? { ...field, fields: field.fields.map((sub) => ({ ...sub, required: false })) } : field,
  );
}

export function articleFields(options: ArticleFieldOptions): CmsField[] {
  const fields = fieldsFromSchema(articleSchema(shapeHelpers), articleWidgets(options), 'articles');
  const body: CmsField = {
    name: 'body',
    label: 'Story',
    widget: 'markdown',
    hint:
      'Paragraphs are separated by an empty line. Photos, galleries, pull quotes, videos and posts: Add Component. ' +
      'Links: select the words, click the link button and paste the address.',
  };
  return [...optionalSubFields(fields), body];
}

export function authorFields(): CmsField[] {
  return fieldsFromSchema(authorSchema(shapeHelpers), authorWidgets, 'authors');
}

/** How the admin reads and writes article files (faithful-format.ts): the form's order and the schema's defaults. */
export function articleFileLayout(): FileLayout {
  const fields = articleFields({ knownTags: [], timeZone: 'UTC' }).filter((field) => field.name !== 'body');
  return {
    order: fields.map((field) => field.name),
    defaults: Object.fromEntries(
      fields.filter((field) => 'default' in field).map((field) => [field.name, field.default]),
    ),
    listFields: ['author'],
  };
}

export function authorFileLayout(): FileLayout {
  return { order: authorFields().map((field) => field.name), defaults: {} };
}

/** The article schema with placeholder helpers, for checking an entry in the browser before it is saved. */
export const articleShapeSchema = () => articleSchema(shapeHelpers);
