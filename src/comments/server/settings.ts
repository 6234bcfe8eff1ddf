/**
 * The reference service's settings: COMMENTS_* environment variables with typed defaults, read
 * once at start. A bad value stops the service with one line naming the variable.
 */
import { parseHttpUrl } from '../../utils/urls.ts';
import { ConfigError } from '../../utils/config-error.ts';
import { isValidEmail } from '../validation.ts';
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
  /** Minutes between moderators' digests; 0 sends one e-mail per waiting comment. */
  mailDigestMinutes: 0,
  /** Seconds before a failed e-mail is first tried again (each later wait doubles, up to 6 hours). */
  mailRetrySeconds: 60,
  /** Links a comment may hold (its text and website together) before it is refused. */
  maxLinks: 2,
  /** Seconds a reader needs at least between loading the page and posting (told by the page's script). */
  minSubmitSeconds: 3,
  /** Hours in which the same text on the same article is refused as a duplicate. */
  duplicateHours: 24,
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
  /** smtp:// or smtps:// URL of the mail server; null: no e-mail is sent. */
  smtpUrl: string | null;
  mailFrom: string | null;
  moderatorEmails: string[];
  mailDigestMinutes: number;
  mailRetrySeconds: number;
  /** The site's public address (with its base path), for links to articles. */
  siteUrl: string | null;
  /** The service's own public address, for the links in e-mails; null: the address it listens on. */
  publicUrl: string | null;
  akismetKey: string | null;
  maxLinks: number;
  minSubmitSeconds: number;
  duplicateHours: number;
}

/** An address alone or with a display name: `news@example.org` or `The Meridian <news@example.org>`. */
function mailbox(text: string): boolean {
  const named = /^[^<>]*<([^<>]+)>$/.exec(text);
  return isValidEmail(named ? named[1]!.trim() : text);
}

function httpUrlSetting(name: string, value: string | undefined, errors: string[]): string | null {
  const text = value?.trim();
  if (!text) return null;
  const url = parseHttpUrl(text);
  if (!url) {
    errors.push(`${name} must be an http(s) URL such as https://news.example.com/; got "${value}"`);
    return null;
  }
  return url.href.endsWith('/') ? url.href : `${url.href}/`;
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
  for (const entry of (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean)) {
    const range = parseProxyRange(entry);
    if (range) ranges.push(range);
    else
      errors.push(
        `COMMENTS_TRUST_PROXY must list the proxies' addresses or CIDR ranges (such as 10.0.0.1 or 10.0.0.0/8); got "${entry}"`,
      );
  }
  return ranges;
}

function integer(
  name: string,
  value: string | undefined,
  fallback: number,
  min: number,
  max: number,
  errors: string[],
) {
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
  const rateLimit = integer(
    'COMMENTS_RATE_LIMIT',
    env.COMMENTS_RATE_LIMIT,
    serviceDefaults.rateLimit,
    0,
    1_000_000,
    errors,
  );
  const trustProxy = proxyRanges(env.COMMENTS_TRUST_PROXY, errors);
  const retentionDays = integer(
    'COMMENTS_RETENTION_DAYS',
    env.COMMENTS_RETENTION_DAYS,
    serviceDefaults.retentionDays,
    1,
    36_500,
    errors,
  );
  const approvedRetentionDays = integer(
    'COMMENTS_APPROVED_RETENTION_DAYS',
    env.COMMENTS_APPROVED_RETENTION_DAYS,
    serviceDefaults.approvedRetentionDays,
    0,
    36_500,
    errors,
  );
  const shutdownSeconds = integer(
    'COMMENTS_SHUTDOWN_SECONDS',
    env.COMMENTS_SHUTDOWN_SECONDS,
    serviceDefaults.shutdownSeconds,
    1,
    300,
    errors,
  );
  const healthWrite = flag('COMMENTS_HEALTH_WRITE', env.COMMENTS_HEALTH_WRITE, serviceDefaults.healthWrite, errors);
  const initDb = flag('COMMENTS_DB_INIT', env.COMMENTS_DB_INIT, false, errors);

  const originsText = env.COMMENTS_ALLOWED_ORIGINS?.trim();
  const allowedOrigins = originsText
    ? originsText
        .split(',')
        .map((origin) => origin.trim())
        .filter(Boolean)
    : serviceDefaults.allowedOrigins;
  const normalisedOrigins: string[] = [];
  for (const origin of allowedOrigins) {
    const url = parseHttpUrl(origin);
    if (!url || url.origin !== origin.replace(/\/$/, '')) {
      errors.push(
        `COMMENTS_ALLOWED_ORIGINS must be a comma-separated list of origins such as https://news.example.com (no path); got "${origin}"`,
      );
    } else {
      normalisedOrigins.push(url.origin);
    }
  }

  const moderation = (env.COMMENTS_MODERATION?.trim() || serviceDefaults.moderation) as ModerationMode;
  if (!moderationModes.includes(moderation)) {
    errors.push(
      `COMMENTS_MODERATION must be "pre" (new comments wait for approval) or "off"; got "${env.COMMENTS_MODERATION}"`,
    );
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

  const smtpUrl = env.COMMENTS_SMTP_URL?.trim() || null;
  if (smtpUrl !== null && !/^smtps?:\/\/[^/]/.test(smtpUrl)) {
    errors.push('COMMENTS_SMTP_URL must be an smtp:// or smtps:// URL such as smtps://user:password@mail.example.com');
  }
  const mailFrom = env.COMMENTS_MAIL_FROM?.trim() || null;
  if (mailFrom !== null && !mailbox(mailFrom)) {
    errors.push(`COMMENTS_MAIL_FROM must be an e-mail address (optionally "Name <address>"); got "${mailFrom}"`);
  }
  if (smtpUrl !== null && mailFrom === null)
    errors.push('COMMENTS_MAIL_FROM must be set with COMMENTS_SMTP_URL: the address e-mails come from');
  const moderatorEmails = (env.COMMENTS_MODERATOR_EMAILS ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);
  for (const address of moderatorEmails) {
    if (!isValidEmail(address))
      errors.push(`COMMENTS_MODERATOR_EMAILS must be comma-separated e-mail addresses; got "${address}"`);
  }
  const mailDigestMinutes = integer(
    'COMMENTS_MAIL_DIGEST_MINUTES',
    env.COMMENTS_MAIL_DIGEST_MINUTES,
    serviceDefaults.mailDigestMinutes,
    0,
    10_080,
    errors,
  );
  const mailRetrySeconds = integer(
    'COMMENTS_MAIL_RETRY_SECONDS',
    env.COMMENTS_MAIL_RETRY_SECONDS,
    serviceDefaults.mailRetrySeconds,
    1,
    86_400,
    errors,
  );
  const siteUrl = httpUrlSetting('COMMENTS_SITE_URL', env.COMMENTS_SITE_URL, errors);
  const publicUrl = httpUrlSetting('COMMENTS_PUBLIC_URL', env.COMMENTS_PUBLIC_URL, errors);
  if (smtpUrl !== null && siteUrl === null)
    errors.push('COMMENTS_SITE_URL must be set with COMMENTS_SMTP_URL: e-mails link to the articles');
  const akismetKey = env.COMMENTS_AKISMET_KEY?.trim() || null;
  if (akismetKey !== null && siteUrl === null)
    errors.push('COMMENTS_SITE_URL must be set with COMMENTS_AKISMET_KEY: Akismet checks comments per site');
  const maxLinks = integer('COMMENTS_MAX_LINKS', env.COMMENTS_MAX_LINKS, serviceDefaults.maxLinks, 0, 100, errors);
  const minSubmitSeconds = integer(
    'COMMENTS_MIN_SUBMIT_SECONDS',
    env.COMMENTS_MIN_SUBMIT_SECONDS,
    serviceDefaults.minSubmitSeconds,
    0,
    600,
    errors,
  );
  const duplicateHours = integer(
    'COMMENTS_DUPLICATE_HOURS',
    env.COMMENTS_DUPLICATE_HOURS,
    serviceDefaults.duplicateHours,
    0,
    8760,
    errors,
  );

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
    smtpUrl,
    mailFrom,
    moderatorEmails,
    mailDigestMinutes,
    mailRetrySeconds,
    siteUrl,
    publicUrl,
    akismetKey,
    maxLinks,
    minSubmitSeconds,
    duplicateHours,
  };
}
