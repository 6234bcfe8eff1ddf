/**
 * The one place for comment settings and their typed defaults: the site's provider (read at
 * build time through `astro:env`, schema in env-schema.ts) and the reference service's
 * environment (read by the Node entry point). Bad values stop with a message naming the variable.
 */
import { parseHttpUrl } from '../utils/urls.ts';

export const providerNames = ['service', 'netlify', 'formspree', 'staticman', 'none'] as const;
export type ProviderName = (typeof providerNames)[number];
export const moderationModes = ['pre', 'off'] as const;
export type ModerationMode = (typeof moderationModes)[number];

export const commentDefaults = {
  provider: 'service' as ProviderName,
  /** Where the site's form posts when the provider is `service` (and where the build reads comments). */
  serviceUrl: 'http://localhost:8787',
  port: 8787,
  db: './data/comments.db',
  allowedOrigins: ['http://localhost:4321', 'http://127.0.0.1:4321'],
  moderation: 'pre' as ModerationMode,
  /** Comments per client per minute. */
  rateLimit: 5,
  /** Number of proxies in front of the service whose X-Forwarded-For is trusted (0: none). */
  trustProxy: 0,
  /** Seconds the build waits for the service before going on without its comments. */
  loaderTimeoutSeconds: 5,
};

export class ConfigError extends Error {
  override name = 'ConfigError';
}

/** The site side: which provider the form uses and its endpoint. */
export interface SiteCommentsConfig {
  provider: ProviderName;
  /** Service base URL, Formspree form URL or Staticman entry URL; unused by netlify and none. */
  endpoint: string;
}

export function resolveSiteConfig(input: { provider?: string | undefined; endpoint?: string | undefined }): SiteCommentsConfig {
  const provider = (input.provider?.trim() || commentDefaults.provider) as ProviderName;
  if (!providerNames.includes(provider)) {
    throw new ConfigError(`COMMENTS_PROVIDER must be one of ${providerNames.join(', ')}; got "${input.provider}"`);
  }
  const endpoint = input.endpoint?.trim() || (provider === 'service' ? commentDefaults.serviceUrl : '');
  if ((provider === 'formspree' || provider === 'staticman') && !endpoint) {
    throw new ConfigError(
      provider === 'formspree'
        ? 'COMMENTS_ENDPOINT must be your Formspree form URL (https://formspree.io/f/<id>) when COMMENTS_PROVIDER=formspree'
        : 'COMMENTS_ENDPOINT must be your Staticman entry URL (https://<host>/v3/entry/github/<user>/<repo>/<branch>/comments) when COMMENTS_PROVIDER=staticman',
    );
  }
  if (endpoint && !parseHttpUrl(endpoint)) {
    throw new ConfigError(`COMMENTS_ENDPOINT must be an http(s) URL; got "${endpoint}"`);
  }
  return { provider, endpoint: endpoint.replace(/\/+$/, '') };
}

/** The reference service's settings. */
export interface ServiceConfig {
  port: number;
  hostname: string;
  db: string;
  allowedOrigins: string[];
  adminToken: string | null;
  moderation: ModerationMode;
  rateLimit: number;
  trustProxy: number;
}

function integer(name: string, value: string | undefined, fallback: number, min: number, max: number, errors: string[]) {
  if (value === undefined || value.trim() === '') return fallback;
  const number = Number(value);
  if (!Number.isInteger(number) || number < min || number > max) {
    errors.push(`${name} must be a whole number from ${min} to ${max}; got "${value}"`);
    return fallback;
  }
  return number;
}

/** Reads COMMENTS_* variables; throws one ConfigError listing every bad value. */
export function parseServiceConfig(env: Record<string, string | undefined>): ServiceConfig {
  const errors: string[] = [];
  const port = integer('COMMENTS_PORT', env.COMMENTS_PORT, commentDefaults.port, 0, 65535, errors);
  const rateLimit = integer('COMMENTS_RATE_LIMIT', env.COMMENTS_RATE_LIMIT, commentDefaults.rateLimit, 0, 1_000_000, errors);
  const trustProxy = integer('COMMENTS_TRUST_PROXY', env.COMMENTS_TRUST_PROXY, commentDefaults.trustProxy, 0, 10, errors);

  const originsText = env.COMMENTS_ALLOWED_ORIGINS?.trim();
  const allowedOrigins = originsText
    ? originsText.split(',').map((origin) => origin.trim()).filter(Boolean)
    : commentDefaults.allowedOrigins;
  const normalisedOrigins: string[] = [];
  for (const origin of allowedOrigins) {
    const url = parseHttpUrl(origin);
    if (!url || url.origin !== origin.replace(/\/$/, '')) {
      errors.push(`COMMENTS_ALLOWED_ORIGINS must be a comma-separated list of origins such as https://news.example.com (no path); got "${origin}"`);
    } else {
      normalisedOrigins.push(url.origin);
    }
  }

  const moderation = (env.COMMENTS_MODERATION?.trim() || commentDefaults.moderation) as ModerationMode;
  if (!moderationModes.includes(moderation)) {
    errors.push(`COMMENTS_MODERATION must be "pre" (new comments wait for approval) or "off"; got "${env.COMMENTS_MODERATION}"`);
  }

  const adminToken = env.COMMENTS_ADMIN_TOKEN?.trim() || null;
  if (adminToken !== null && (adminToken.length < 16 || /\s/.test(adminToken))) {
    errors.push('COMMENTS_ADMIN_TOKEN must be at least 16 characters without spaces (for example: openssl rand -hex 24)');
  }

  const db = env.COMMENTS_DB?.trim() || commentDefaults.db;
  const hostname = env.COMMENTS_HOST?.trim() || '127.0.0.1';

  if (errors.length > 0) throw new ConfigError(`Invalid comment service configuration:\n  - ${errors.join('\n  - ')}`);
  return { port, hostname, db, allowedOrigins: normalisedOrigins, adminToken, moderation, rateLimit, trustProxy };
}
