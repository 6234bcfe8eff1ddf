/**
 * Where this build publishes and what it reads: every build-time environment variable is
 * parsed here, once, into one typed object that astro.config.mjs, the content collections,
 * the components and the deploy files all read. Bad values stop the build with one message
 * naming each variable. Editorial settings (name, language, navigation) are in site.config.ts.
 */
import type { CmsBackendSettings } from './cms/config.ts';
import { gitRepoDirectory, localBackendUrl, readCmsBackend } from './cms/settings.ts';
import { ConfigError } from './utils/config-error.ts';
import { providerNames, type ProviderName } from './comments/providers/index.ts';
import { serviceDefaults } from './comments/server/settings.ts';
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

/** COMMENTS_ENDPOINT for a provider, without a trailing slash ('' when there is none or it is bad). */
function readEndpoint(env: Env, provider: ProviderName, errors: string[]): string {
  const endpoint = setting(env, 'COMMENTS_ENDPOINT') ?? (provider === 'service' ? buildDefaults.commentServiceUrl : '');
  const needed = endpointNeeded[provider];
  if (needed && !endpoint) {
    errors.push(`COMMENTS_ENDPOINT must be ${needed} when COMMENTS_PROVIDER=${provider}`);
    return '';
  }
  if (endpoint && !parseHttpUrl(endpoint)) {
    errors.push(`COMMENTS_ENDPOINT must be an http(s) URL; got "${endpoint}"`);
    return '';
  }
  return endpoint.replace(/\/+$/, '');
}

function readComments(env: Env, errors: string[]): CommentSettings {
  const requested = setting(env, 'COMMENTS_PROVIDER') ?? buildDefaults.commentsProvider;
  const provider = providerNames.find((name) => name === requested);
  if (!provider) errors.push(`COMMENTS_PROVIDER must be one of ${providerNames.join(', ')}; got "${requested}"`);
  const name = provider ?? buildDefaults.commentsProvider;
  const endpoint = readEndpoint(env, name, errors);
  const postsElsewhere = name !== 'netlify' && name !== 'none' && endpoint !== '';
  return {
    provider: name,
    endpoint,
    origin: postsElsewhere ? new URL(endpoint).origin : undefined,
    serviceUrl: name === 'service' && endpoint ? endpoint : null,
    loaderTimeoutMs: buildDefaults.loaderTimeoutMs,
    offlineOk: ['1', 'true', 'yes', 'on'].includes(setting(env, 'COMMENTS_BUILD_OFFLINE_OK')?.toLowerCase() ?? ''),
  };
}

/** Parses the build's environment; throws one ConfigError listing every bad value. */
export function readBuildSettings(env: Env): BuildSettings {
  const errors: string[] = [];
  const siteUrl = setting(env, 'SITE_URL') ?? buildDefaults.siteUrl;
  if (!parseHttpUrl(siteUrl))
    errors.push(`SITE_URL must be the site's http(s) address, such as https://news.example.com; got "${siteUrl}"`);
  const settings: BuildSettings = {
    siteUrl,
    basePath: normaliseBase(setting(env, 'BASE_PATH') ?? '/'),
    contentDir: setting(env, 'CONTENT_DIR') ?? buildDefaults.contentDir,
    outDir: setting(env, 'OUT_DIR') ?? buildDefaults.outDir,
    cacheDir: setting(env, 'ASTRO_CACHE_DIR') ?? buildDefaults.cacheDir,
    comments: readComments(env, errors),
    cloudflarePages: setting(env, 'CF_PAGES') === '1',
    cms: {
      backend: readCmsBackend(env),
      localBackendUrl: localBackendUrl(env),
      gitRepoDirectory: gitRepoDirectory(env),
    },
  };
  if (errors.length > 0) throw new ConfigError(`Invalid build settings:\n  - ${errors.join('\n  - ')}`);
  return settings;
}

/** This build's settings, from the process environment. */
export const buildSettings: BuildSettings = readBuildSettings(process.env);
