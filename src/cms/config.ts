/**
 * The Decap CMS configuration (served as the admin's config.yml), built from the schema
 * (schema-fields.ts) and the build settings, so folders, fields and the base path never
 * drift from what the build reads.
 */
import path from 'node:path';
import { stringify } from 'yaml';
import { articleFields, authorFields, type ArticleFieldOptions, type CmsField } from './schema-fields.ts';

export interface CmsBackendSettings {
  /** GitHub repository as "owner/name" (CMS_GITHUB_REPO, else GITHUB_REPOSITORY in Actions). */
  repo: string;
  /** Branch articles are committed to (CMS_GITHUB_BRANCH, default main). */
  branch: string;
  /** The OAuth helper's origin (CMS_AUTH_URL); unset means Netlify's (api.netlify.com). */
  authUrl?: string | undefined;
}

export interface CmsConfigOptions extends ArticleFieldOptions {
  /** Folder holding articles/ and authors/ (CONTENT_DIR). */
  contentDir: string;
  /** The repository's working tree: Decap's folders are relative to it. */
  repoRoot: string;
  /** The site's public address and base path, for "view live" links. */
  siteUrl: string;
  basePath: string;
  backend: CmsBackendSettings;
  /** The local backend's API (decap-server), offered only by the dev server. */
  localBackendUrl?: string | undefined;
}

/** The folder as Decap wants it: relative to the repository, with forward slashes. */
function repoFolder(repoRoot: string, folder: string): string {
  const relative = path.relative(repoRoot, path.resolve(repoRoot, folder)).split(path.sep).join('/');
  if (relative.startsWith('..')) throw new Error(`CONTENT_DIR (${folder}) must be inside the repository (${repoRoot})`);
  return relative;
}

export function cmsConfig(options: CmsConfigOptions): Record<string, unknown> {
  const content = repoFolder(options.repoRoot, options.contentDir);
  const articles = `${content}/articles`;
  const authors = `${content}/authors`;
  const site = new URL(options.basePath, options.siteUrl).href;
  const config: Record<string, unknown> = {
    backend: {
      name: 'github',
      repo: options.backend.repo,
      branch: options.backend.branch,
      ...(options.backend.authUrl ? { base_url: options.backend.authUrl, auth_endpoint: 'auth' } : {}),
    },
    // Draft → In review → Ready, each entry on its own branch with a pull request (GitHub backend).
    publish_mode: 'editorial_workflow',
    site_url: site,
    display_url: site,
    // Images go next to the articles, where the build's image() helper resolves them.
    media_folder: `${articles}/images`,
    public_folder: './images',
    slug: { encoding: 'ascii', clean_accents: true },
    collections: [
      {
        name: 'articles',
        label: 'Stories',
        label_singular: 'story',
        description: 'Newest first. Drafts and scheduled stories are marked; a draft is never published.',
        folder: articles,
        extension: 'mdx',
        // Registered by browser/setup.ts (faithful-format.ts): saves keep the file as it was apart from what changed.
        format: 'meridian-mdx',
        create: true,
        slug: '{{slug}}',
        identifier_field: 'title',
        // `listing` is added when a file is read (article-listing.ts): the date in the site's time zone, draft or scheduled.
        summary: '{{listing.state}}{{title}} · {{listing.when}}',
        sortable_fields: [
          { field: 'date', label: 'Publication date', default_sort: 'desc' },
          { field: 'title', label: 'Headline' },
        ],
        view_filters: [{ label: 'Drafts', field: 'draft', pattern: true }],
        media_folder: 'images',
        public_folder: './images',
        preview_path: `articles/{{slug}}/`,
        fields: articleFields(options),
      },
      {
        name: 'authors',
        label: 'Authors',
        label_singular: 'author',
        folder: authors,
        extension: 'yaml',
        format: 'meridian-yaml',
        create: true,
        slug: '{{slug}}',
        identifier_field: 'name',
        media_folder: 'images',
        public_folder: './images',
        fields: authorFields(),
      },
    ],
  };
  if (options.localBackendUrl) {
    // decap-server writes straight into the working tree: no branches, so no editorial workflow.
    config.local_backend = { url: options.localBackendUrl };
    delete config.publish_mode;
  }
  return config;
}

export function renderCmsConfig(options: CmsConfigOptions): string {
  return `# Generated from src/articles/schema.ts by src/cms/config.ts: edit those, not this file.\n${stringify(cmsConfig(options))}`;
}

/** Every field name of a collection, nested ones as "parent.child". */
export function fieldNames(fields: readonly CmsField[], prefix = ''): string[] {
  return fields.flatMap((field) => [
    `${prefix}${field.name}`,
    ...fieldNames(field.fields ?? [], `${prefix}${field.name}.`),
  ]);
}
