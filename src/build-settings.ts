/**
 * Where this build publishes and what it reads: every build-time environment variable is
 * parsed here, once, into one typed object that astro.config.mjs, the content collections,
 * the components and the deploy files all read. Bad values stop the build with one message
 * naming each variable. Editorial settings (name, language, navigation) are in site.config.ts.
 */
import { z } from 'astro/zod';
import type { CmsBackendSettings } from './cms/config.ts';
import { gitRepoDirectory, localBackendUrl, readCmsBackend } from './cms/settings.ts';
import { ConfigError } from './utils/config-error.ts';
import { providerNames, type ProviderName } from './comments/providers/index.ts';
import { serviceDefaults } from './comment-service/settings.ts';
import { normaliseBase } from './utils/path-builder.ts';
import { parseHttpUrl } from './utils/urls.ts';

export interface CommentSettings {
  /** COMMENTS_PROVIDER: which backend the comment form posts to (`service`, `netlify`, `formspree`, `staticman`, `none`). Default `service`. */
  provider: ProviderName;
  /**
   * COMMENTS_ENDPOINT: the comment service's base URL (default http://localhost:8787), the Formspree
   * form URL or the Staticman entry URL; unused by `netlify` and `none`. No trailing slash.
   */
  endpoint: string;
  /** The origin the form posts to, for the Content-Security-Policy; undefined when it posts to the site itself or there is no form. */
  origin: string | undefined;
  /** The service the build reads approved comments from (the endpoint, with the `service` provider), or null. */
  serviceUrl: string | null;
  /** How long the build waits for that service before building without its comments. */
  loaderTimeoutMs: number;
  /** COMMENTS_BUILD_OFFLINE_OK=1: build without the service's comments when it fails, on purpose. */
  offlineOk: boolean;
}

export interface BuildSettings {
  /** SITE_URL: the address the site is published at, for every absolute URL (canonical links, feeds, share images). Default http://localhost:4321. */
  siteUrl: string;
  /**
   * BASE_PATH: the sub-path the site is served under, such as `/news/` on a GitHub Pages project site.
   * "news", "/news" and "/news/" are the same; default `/`.
   */
  basePath: string;
  /** CONTENT_DIR: the folder holding articles/, authors/ and comments/. Default ./content. */
  contentDir: string;
  /** OUT_DIR: where the built site is written. Default ./dist. */
  outDir: string;
  /** ASTRO_CACHE_DIR: Astro's cache (optimised images, drawn share images); separate ones let builds run side by side. Default ./node_modules/.astro. */
  cacheDir: string;
  comments: CommentSettings;
  /** CF_PAGES=1, which Cloudflare Pages sets in its builds: `_headers` is written for Cloudflare (src/deploy/headers.ts). */
  cloudflarePages: boolean;
  /** The browser admin's backend and local backend (CMS_*, DECAP_SERVER_PORT, GIT_REPO_DIRECTORY; see docs/cms.md). */
  cms: {
    backend: CmsBackendSettings;
    /** decap-server's API on loopback, offered by the dev server. */
    localBackendUrl: string;
    gitRepoDirectory: string | undefined;
  };
}

const buildDefaults = {
  siteUrl: 'http://localhost:4321',
  contentDir: './content',
  outDir: './dist',
  cacheDir: './node_modules/.astro',
  commentsProvider: 'service' as ProviderName,
  commentServiceUrl: `http://localhost:${serviceDefaults.port}`,
  loaderTimeoutMs: 5000,
};

type Env = Record<string, string | undefined>;

const setting = (env: Env, name: string) => env[name]?.trim() || undefined;

/** What COMMENTS_ENDPOINT must be when a provider needs one and it is missing. */
const endpointNeeded: Partial<Record<ProviderName, string>> = {
  formspree: 'your Formspree form URL (https://formspree.io/f/<id>)',
  staticman: 'your Staticman entry URL (https://<host>/v3/entry/github/<user>/<repo>/<branch>/comments)',
};

const isOn = (value: string | undefined) => ['1', 'true', 'yes', 'on'].includes(value?.toLowerCase() ?? '');

/**
 * The build's environment variables: each one's default, what it must be and what it means (the
 * description is what the README's table says; tests/unit/build-settings-docs.test.ts checks the two agree).
 * Values arrive trimmed, and an empty one counts as unset.
 */
export const buildEnvSchema = z
  .object({
    SITE_URL: z
      .string()
      .default(buildDefaults.siteUrl)
      .refine((value) => parseHttpUrl(value) !== null, {
        error: (issue) =>
          `must be the site's http(s) address, such as https://news.example.com; got "${String(issue.input)}"`,
      })
      .describe("The site's public address (http or https), used for canonical and absolute URLs."),
    BASE_PATH: z
      .string()
      .default('/')
      .transform(normaliseBase)
      .describe('Sub-path the site is served under, e.g. `/news/` on GitHub Pages (`news` and `/news` work too).'),
    CONTENT_DIR: z.string().default(buildDefaults.contentDir).describe('Folder with `articles/` and `authors/`.'),
    OUT_DIR: z.string().default(buildDefaults.outDir).describe('Where the built site goes.'),
    ASTRO_CACHE_DIR: z
      .string()
      .default(buildDefaults.cacheDir)
      .describe('Build cache: content store, compiled MDX, share images, and the pages of the last build.'),
    COMMENTS_PROVIDER: z
      .enum(providerNames, {
        error: (issue) => `must be one of ${providerNames.join(', ')}; got "${String(issue.input)}"`,
      })
      .default(buildDefaults.commentsProvider)
      .describe('Where the comment form posts: `service`, `netlify`, `formspree`, `staticman` or `none`.'),
    COMMENTS_ENDPOINT: z
      .string()
      .refine((value) => parseHttpUrl(value) !== null, {
        error: (issue) => `must be an http(s) URL; got "${String(issue.input)}"`,
      })
      .transform((value) => value.replace(/\/+$/, ''))
      .optional()
      .describe("The comment service's URL (or the Formspree / Staticman endpoint); also allowed in the CSP."),
    COMMENTS_BUILD_OFFLINE_OK: z
      .string()
      .optional()
      .transform(isOn)
      .describe("`1` builds without the service's comments when it fails or cannot be reached."),
    CF_PAGES: z
      .string()
      .optional()
      .transform((value) => value === '1')
      .describe('Set to `1` by Cloudflare Pages in its builds: `_headers` is written for Cloudflare.'),
  })
  .superRefine((env, ctx) => {
    const needed = endpointNeeded[env.COMMENTS_PROVIDER];
    if (needed && env.COMMENTS_ENDPOINT === undefined) {
      ctx.addIssue({
        code: 'custom',
        path: ['COMMENTS_ENDPOINT'],
        message: `must be ${needed} when COMMENTS_PROVIDER=${env.COMMENTS_PROVIDER}`,
      });
    }
  });

type BuildEnv = z.output<typeof buildEnvSchema>;

function commentSettings(env: BuildEnv): CommentSettings {
  const provider = env.COMMENTS_PROVIDER;
  const endpoint = env.COMMENTS_ENDPOINT ?? (provider === 'service' ? buildDefaults.commentServiceUrl : '');
  const postsElsewhere = provider !== 'netlify' && provider !== 'none' && endpoint !== '';
  return {
    provider,
    endpoint,
    origin: postsElsewhere ? new URL(endpoint).origin : undefined,
    serviceUrl: provider === 'service' && endpoint ? endpoint : null,
    loaderTimeoutMs: buildDefaults.loaderTimeoutMs,
    offlineOk: env.COMMENTS_BUILD_OFFLINE_OK,
  };
}

/** Parses the build's environment; throws one ConfigError naming every bad variable. */
export function readBuildSettings(env: Env): BuildSettings {
  const given = Object.fromEntries(Object.keys(buildEnvSchema.shape).map((name) => [name, setting(env, name)]));
  const parsed = buildEnvSchema.safeParse(given);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((issue) => `${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(`Invalid build settings:\n  - ${problems.join('\n  - ')}`);
  }
  const settings = parsed.data;
  return {
    siteUrl: settings.SITE_URL,
    basePath: settings.BASE_PATH,
    contentDir: settings.CONTENT_DIR,
    outDir: settings.OUT_DIR,
    cacheDir: settings.ASTRO_CACHE_DIR,
    comments: commentSettings(settings),
    cloudflarePages: settings.CF_PAGES,
    cms: {
      backend: readCmsBackend(env),
      localBackendUrl: localBackendUrl(env),
      gitRepoDirectory: gitRepoDirectory(env),
    },
  };
}

/** This build's settings, from the process environment. */
export const buildSettings: BuildSettings = readBuildSettings(process.env);
