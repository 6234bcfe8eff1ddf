/**
 * The reference service's settings: COMMENTS_* environment variables with typed defaults, read
 * once at start. A bad value stops the service with one line naming the variable.
 */
import { parseHttpUrl } from '../../utils/urls.ts';
import { ConfigError } from '../../utils/config-error.ts';
import { parseProxyRange, type ProxyRange } from './client-address.ts';

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
  /** Addresses or CIDR ranges of the proxies whose X-Forwarded-For is trusted (none by default). */
  trustProxy: [] as ProxyRange[],
  /** Days after which rejected and spam comments lose their e-mail address and address hash. */
  retentionDays: 30,
  /** The same for approved comments; 0 keeps them. */
  approvedRetentionDays: 0,
  /** Whether /health also writes to the database (a full disk is only seen by writing). */
  healthWrite: true,
  /** How long a SIGTERM waits for requests in flight before closing their connections. */
  shutdownSeconds: 10,
};

/** RFC 6750 b64token: what `Authorization: Bearer` can carry. */
const bearerTokenPattern = /^[A-Za-z0-9\-._~+/]+=*$/;

export interface ServiceConfig {
  port: number;
  hostname: string;
  db: string;
  allowedOrigins: string[];
  adminToken: string | null;
  moderation: ModerationMode;
  rateLimit: number;
  trustProxy: ProxyRange[];
  /** Key for hashing client addresses, from COMMENTS_ADDRESS_KEY; null: a key file beside the database. */
  addressKey: string | null;
  /** Whether a missing database may be created although its key file says it existed. */
  initDb: boolean;
  retentionDays: number;
  approvedRetentionDays: number;
  healthWrite: boolean;
  shutdownSeconds: number;
  /** Where the build's list of articles that take comments is (a URL or a file); null: any article id. */
  articles: string | null;
}

function flag(name: string, value: string | undefined, fallback: boolean, errors: string[]): boolean {
  const text = value?.trim().toLowerCase();
  if (!text) return fallback;
  if (['1', 'true', 'on', 'yes'].includes(text)) return true;
  if (['0', 'false', 'off', 'no'].includes(text)) return false;
  errors.push(`${name} must be 1 (on) or 0 (off); got "${value}"`);
  return fallback;
}

function proxyRanges(value: string | undefined, errors: string[]): ProxyRange[] {
  const ranges: ProxyRange[] = [];
  for (const entry of (value ?? '').split(',').map((part) => part.trim()).filter(Boolean)) {
    const range = parseProxyRange(entry);
    if (range) ranges.push(range);
    else errors.push(`COMMENTS_TRUST_PROXY must list the proxies' addresses or CIDR ranges (such as 10.0.0.1 or 10.0.0.0/8); got "${entry}"`);
  }
  return ranges;
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
  const trustProxy = proxyRanges(env.COMMENTS_TRUST_PROXY, errors);
  const retentionDays = integer('COMMENTS_RETENTION_DAYS', env.COMMENTS_RETENTION_DAYS, serviceDefaults.retentionDays, 1, 36_500, errors);
  const approvedRetentionDays = integer(
    'COMMENTS_APPROVED_RETENTION_DAYS',
    env.COMMENTS_APPROVED_RETENTION_DAYS,
    serviceDefaults.approvedRetentionDays,
    0,
    36_500,
    errors,
  );
  const shutdownSeconds = integer('COMMENTS_SHUTDOWN_SECONDS', env.COMMENTS_SHUTDOWN_SECONDS, serviceDefaults.shutdownSeconds, 1, 300, errors);
  const healthWrite = flag('COMMENTS_HEALTH_WRITE', env.COMMENTS_HEALTH_WRITE, serviceDefaults.healthWrite, errors);
  const initDb = flag('COMMENTS_DB_INIT', env.COMMENTS_DB_INIT, false, errors);

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
  if (adminToken !== null && (adminToken.length < 16 || !bearerTokenPattern.test(adminToken))) {
    errors.push(
      'COMMENTS_ADMIN_TOKEN must be at least 16 characters of letters, digits and -._~+/ (a bearer token; for example: openssl rand -hex 24)',
    );
  }

  const addressKey = env.COMMENTS_ADDRESS_KEY?.trim() || null;
  if (addressKey !== null && addressKey.length < 32) {
    errors.push('COMMENTS_ADDRESS_KEY must be at least 32 characters (for example: openssl rand -hex 32)');
  }

  const db = env.COMMENTS_DB?.trim() || serviceDefaults.db;
  const hostname = env.COMMENTS_HOST?.trim() || serviceDefaults.hostname;
  const articles = env.COMMENTS_ARTICLES?.trim() || null;

  if (errors.length > 0) throw new ConfigError(`Invalid comment service configuration: ${errors.join('; ')}`);
  return {
    port,
    hostname,
    db,
    allowedOrigins: normalisedOrigins,
    adminToken,
    moderation,
    rateLimit,
    trustProxy,
    addressKey,
    initDb,
    retentionDays,
    approvedRetentionDays,
    healthWrite,
    shutdownSeconds,
    articles,
  };
}
