/**
 * The reference service's settings: COMMENTS_* environment variables with typed defaults, read
 * once at start. A bad value stops the service with one line naming the variable.
 */
import { parseHttpUrl } from '../../utils/urls.ts';
import { ConfigError } from '../../utils/config-error.ts';

const moderationModes = ['pre', 'off'] as const;
export type ModerationMode = (typeof moderationModes)[number];

export const serviceDefaults = {
  port: 8787,
  /** Loopback only: a public service sits behind a proxy or sets COMMENTS_HOST. */
  hostname: '127.0.0.1',
  db: './data/comments.db',
  allowedOrigins: ['http://localhost:4321', 'http://127.0.0.1:4321'],
  moderation: 'pre' as ModerationMode,
  /** Comments per client per minute. */
  rateLimit: 5,
  /** Number of proxies in front of the service whose X-Forwarded-For is trusted (0: none). */
  trustProxy: 0,
};

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
  const port = integer('COMMENTS_PORT', env.COMMENTS_PORT, serviceDefaults.port, 0, 65535, errors);
  const rateLimit = integer('COMMENTS_RATE_LIMIT', env.COMMENTS_RATE_LIMIT, serviceDefaults.rateLimit, 0, 1_000_000, errors);
  const trustProxy = integer('COMMENTS_TRUST_PROXY', env.COMMENTS_TRUST_PROXY, serviceDefaults.trustProxy, 0, 10, errors);

  const originsText = env.COMMENTS_ALLOWED_ORIGINS?.trim();
  const allowedOrigins = originsText
    ? originsText.split(',').map((origin) => origin.trim()).filter(Boolean)
    : serviceDefaults.allowedOrigins;
  const normalisedOrigins: string[] = [];
  for (const origin of allowedOrigins) {
    const url = parseHttpUrl(origin);
    if (!url || url.origin !== origin.replace(/\/$/, '')) {
      errors.push(`COMMENTS_ALLOWED_ORIGINS must be a comma-separated list of origins such as https://news.example.com (no path); got "${origin}"`);
    } else {
      normalisedOrigins.push(url.origin);
    }
  }

  const moderation = (env.COMMENTS_MODERATION?.trim() || serviceDefaults.moderation) as ModerationMode;
  if (!moderationModes.includes(moderation)) {
    errors.push(`COMMENTS_MODERATION must be "pre" (new comments wait for approval) or "off"; got "${env.COMMENTS_MODERATION}"`);
  }

  const adminToken = env.COMMENTS_ADMIN_TOKEN?.trim() || null;
  if (adminToken !== null && (adminToken.length < 16 || /\s/.test(adminToken))) {
    errors.push('COMMENTS_ADMIN_TOKEN must be at least 16 characters without spaces (for example: openssl rand -hex 24)');
  }

  const db = env.COMMENTS_DB?.trim() || serviceDefaults.db;
  const hostname = env.COMMENTS_HOST?.trim() || serviceDefaults.hostname;

  if (errors.length > 0) throw new ConfigError(`Invalid comment service configuration: ${errors.join('; ')}`);
  return { port, hostname, db, allowedOrigins: normalisedOrigins, adminToken, moderation, rateLimit, trustProxy };
}
