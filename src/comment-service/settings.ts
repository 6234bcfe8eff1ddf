/**
 * The reference service's settings: COMMENTS_* environment variables with typed defaults, read
 * once at start through one schema (zod, as astro/zod). A bad value stops the service with one
 * message naming every bad variable.
 */
import { z } from 'astro/zod';
import { parseHttpUrl } from '../utils/urls.ts';
import { ConfigError } from '../utils/config-error.ts';
import { isValidEmail } from '../comments/validation.ts';
import { mailboxParts } from './mail/mailbox.ts';
import { parseProxyRange, type ProxyRange } from './http/client-address.ts';
import { dateLocale } from '../site.config.ts';
import { isRhythm, rhythms as allRhythms, type Rhythm } from '../newsletter/protocol.ts';

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
  /** The JSON body POSTed to the deploy hook (GitHub's repository_dispatch needs an event_type; Netlify and Cloudflare ignore it). */
  deployHookBody: '{"event_type":"comments-changed"}',
  /** Seconds the deploy hook waits after the first change, so that a burst of approvals starts one build. */
  deployHookDebounceSeconds: 30,
  /** The newsletter's briefing: at 07:00 in the site's time zone. */
  newsletterDailyHour: 7,
  newsletterTimeZone: dateLocale.timeZone,
  /** Subscription requests per client network per hour. */
  newsletterSubscribeLimit: 10,
  /** Hours after publication within which a story still goes out (older ones in the feed are left). */
  newsletterMaxAgeHours: 48,
};

/** The newsletter's settings (COMMENTS_NEWSLETTER_*): on when mail is configured, unless turned off. */
export interface NewsletterSettings {
  /** Whether subscriptions are taken: COMMENTS_SMTP_URL is set and COMMENTS_NEWSLETTER is not 0. */
  enabled: boolean;
  /** Why it is off, for the line the service prints at start; null when it is on. */
  offReason: string | null;
  rhythms: Rhythm[];
  defaultRhythm: Rhythm;
  /** The briefing's hour (0-23) in `timeZone`. */
  dailyHour: number;
  timeZone: string;
  subscribeLimit: number;
  maxAgeHours: number;
  /** The published JSON Feed the send reads: COMMENTS_NEWSLETTER_FEED_URL, or the site's /feed.json. */
  feedUrl: string | null;
  /** The publication's name in the mails: COMMENTS_NEWSLETTER_NAME, or the site address's host. */
  name: string;
  /** Minutes between sends run by the Node service itself; 0: only `npm run newsletter -- send`. */
  sendMinutes: number;
}

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
  /** Where to POST when approved comments change (a build hook); null: nobody is told. */
  deployHookUrl: string | null;
  deployHookToken: string | null;
  deployHookBody: string;
  deployHookDebounceSeconds: number;
  newsletter: NewsletterSettings;
}

/** An address alone or with a display name: `news@example.org` or `The Meridian <news@example.org>`. */
const mailbox = (text: string) => isValidEmail(mailboxParts(text).email);

type Ctx = z.RefinementCtx;
/** A variable as given: unset and blank are the same. */
const text = z
  .string()
  .optional()
  .transform((value) => value?.trim() || null);
const fail = (ctx: Ctx, message: string) => {
  ctx.addIssue({ code: 'custom', message });
  return z.NEVER;
};
const listOf = (value: string | null) =>
  (value ?? '')
    .split(',')
    .map((part) => part.trim())
    .filter(Boolean);

function integer(name: string, fallback: number, min: number, max: number) {
  return text.transform((value, ctx) => {
    if (value === null) return fallback;
    const number = Number(value);
    if (Number.isInteger(number) && number >= min && number <= max) return number;
    return fail(ctx, `${name} must be a whole number from ${min} to ${max}; got "${value}"`);
  });
}

function flag(name: string, fallback: boolean) {
  return text.transform((value, ctx) => {
    if (value === null) return fallback;
    if (['1', 'true', 'on', 'yes'].includes(value.toLowerCase())) return true;
    if (['0', 'false', 'off', 'no'].includes(value.toLowerCase())) return false;
    return fail(ctx, `${name} must be 1 (on) or 0 (off); got "${value}"`);
  });
}

function httpUrl(name: string, example: string, trailingSlash: boolean) {
  return text.transform((value, ctx) => {
    if (value === null) return null;
    const url = parseHttpUrl(value);
    if (!url) return fail(ctx, `${name} must be an http(s) URL such as ${example}; got "${value}"`);
    return trailingSlash && !url.href.endsWith('/') ? `${url.href}/` : url.href;
  });
}

function secret(name: string, minLength: number, pattern: RegExp, message: string) {
  return text.transform((value, ctx) => {
    if (value !== null && (value.length < minLength || !pattern.test(value))) return fail(ctx, `${name} ${message}`);
    return value;
  });
}

const origins = text.transform((value, ctx) => {
  const normalised: string[] = [];
  for (const origin of value ? listOf(value) : serviceDefaults.allowedOrigins) {
    const url = parseHttpUrl(origin);
    if (url && url.origin === origin.replace(/\/$/, '')) normalised.push(url.origin);
    else
      ctx.addIssue({
        code: 'custom',
        message: `COMMENTS_ALLOWED_ORIGINS must be a comma-separated list of origins such as https://news.example.com (no path); got "${origin}"`,
      });
  }
  return normalised;
});

const proxies = text.transform((value, ctx) => {
  const ranges: ProxyRange[] = [];
  for (const entry of listOf(value)) {
    const range = parseProxyRange(entry);
    if (range) ranges.push(range);
    else
      ctx.addIssue({
        code: 'custom',
        message: `COMMENTS_TRUST_PROXY must list the proxies' addresses or CIDR ranges (such as 10.0.0.1 or 10.0.0.0/8); got "${entry}"`,
      });
  }
  return ranges;
});

const moderatorEmails = text.transform((value, ctx) => {
  const addresses = listOf(value);
  for (const address of addresses)
    if (!isValidEmail(address))
      ctx.addIssue({
        code: 'custom',
        message: `COMMENTS_MODERATOR_EMAILS must be comma-separated e-mail addresses; got "${address}"`,
      });
  return addresses;
});

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const rhythmList = text.transform((value, ctx) => {
  const listed = value === null ? [...allRhythms] : listOf(value);
  const bad = listed.filter((rhythm) => !isRhythm(rhythm));
  if (bad.length > 0 || listed.length === 0)
    return fail(ctx, `COMMENTS_NEWSLETTER_RHYTHMS must list story, daily or both; got "${value}"`);
  return [...new Set(listed)] as Rhythm[];
});

const oneRhythm = text.transform((value, ctx) => {
  if (value === null || isRhythm(value)) return value;
  return fail(ctx, `COMMENTS_NEWSLETTER_DEFAULT_RHYTHM must be story or daily; got "${value}"`);
});

const jsonBody = text.transform((value, ctx) => {
  if (value === null) return serviceDefaults.deployHookBody;
  try {
    JSON.parse(value);
    return value;
  } catch {
    return fail(
      ctx,
      `COMMENTS_DEPLOY_HOOK_BODY must be JSON such as ${serviceDefaults.deployHookBody}; got "${value}"`,
    );
  }
});

/** Every variable, each checked on its own; the checks between variables follow in parseServiceConfig. */
const settingsSchema = z.object({
  COMMENTS_PORT: integer('COMMENTS_PORT', serviceDefaults.port, 0, 65535),
  COMMENTS_HOST: text.transform((value) => value ?? serviceDefaults.hostname),
  COMMENTS_DB: text.transform((value) => value ?? serviceDefaults.db),
  COMMENTS_DB_INIT: flag('COMMENTS_DB_INIT', false),
  COMMENTS_ALLOWED_ORIGINS: origins,
  COMMENTS_ADMIN_TOKEN: secret(
    'COMMENTS_ADMIN_TOKEN',
    16,
    bearerTokenPattern,
    'must be at least 16 characters of letters, digits and -._~+/ (a bearer token; for example: openssl rand -hex 24)',
  ),
  COMMENTS_ADDRESS_KEY: secret(
    'COMMENTS_ADDRESS_KEY',
    32,
    /./,
    'must be at least 32 characters (for example: openssl rand -hex 32)',
  ),
  COMMENTS_MODERATION: text.transform((value, ctx) => {
    const mode = value ?? serviceDefaults.moderation;
    if ((moderationModes as readonly string[]).includes(mode)) return mode as ModerationMode;
    return fail(ctx, `COMMENTS_MODERATION must be "pre" (new comments wait for approval) or "off"; got "${value}"`);
  }),
  COMMENTS_RATE_LIMIT: integer('COMMENTS_RATE_LIMIT', serviceDefaults.rateLimit, 0, 1_000_000),
  COMMENTS_TRUST_PROXY: proxies,
  COMMENTS_RETENTION_DAYS: integer('COMMENTS_RETENTION_DAYS', serviceDefaults.retentionDays, 1, 36_500),
  COMMENTS_APPROVED_RETENTION_DAYS: integer(
    'COMMENTS_APPROVED_RETENTION_DAYS',
    serviceDefaults.approvedRetentionDays,
    0,
    36_500,
  ),
  COMMENTS_HEALTH_WRITE: flag('COMMENTS_HEALTH_WRITE', serviceDefaults.healthWrite),
  COMMENTS_SHUTDOWN_SECONDS: integer('COMMENTS_SHUTDOWN_SECONDS', serviceDefaults.shutdownSeconds, 1, 300),
  COMMENTS_ARTICLES: text,
  COMMENTS_SMTP_URL: text.transform((value, ctx) => {
    if (value !== null && !/^smtps?:\/\/[^/]/.test(value))
      return fail(
        ctx,
        'COMMENTS_SMTP_URL must be an smtp:// or smtps:// URL such as smtps://user:password@mail.example.com',
      );
    return value;
  }),
  COMMENTS_MAIL_FROM: text.transform((value, ctx) => {
    if (value !== null && !mailbox(value))
      return fail(ctx, `COMMENTS_MAIL_FROM must be an e-mail address (optionally "Name <address>"); got "${value}"`);
    return value;
  }),
  COMMENTS_MODERATOR_EMAILS: moderatorEmails,
  COMMENTS_MAIL_DIGEST_MINUTES: integer('COMMENTS_MAIL_DIGEST_MINUTES', serviceDefaults.mailDigestMinutes, 0, 10_080),
  COMMENTS_MAIL_RETRY_SECONDS: integer('COMMENTS_MAIL_RETRY_SECONDS', serviceDefaults.mailRetrySeconds, 1, 86_400),
  COMMENTS_SITE_URL: httpUrl('COMMENTS_SITE_URL', 'https://news.example.com/', true),
  COMMENTS_PUBLIC_URL: httpUrl('COMMENTS_PUBLIC_URL', 'https://news.example.com/', true),
  COMMENTS_AKISMET_KEY: text,
  COMMENTS_MAX_LINKS: integer('COMMENTS_MAX_LINKS', serviceDefaults.maxLinks, 0, 100),
  COMMENTS_MIN_SUBMIT_SECONDS: integer('COMMENTS_MIN_SUBMIT_SECONDS', serviceDefaults.minSubmitSeconds, 0, 600),
  COMMENTS_DUPLICATE_HOURS: integer('COMMENTS_DUPLICATE_HOURS', serviceDefaults.duplicateHours, 0, 8760),
  COMMENTS_DEPLOY_HOOK_URL: httpUrl('COMMENTS_DEPLOY_HOOK_URL', 'https://api.netlify.com/build_hooks/…', false),
  COMMENTS_DEPLOY_HOOK_TOKEN: text,
  COMMENTS_DEPLOY_HOOK_BODY: jsonBody,
  COMMENTS_DEPLOY_HOOK_DEBOUNCE_SECONDS: integer(
    'COMMENTS_DEPLOY_HOOK_DEBOUNCE_SECONDS',
    serviceDefaults.deployHookDebounceSeconds,
    0,
    3600,
  ),
  COMMENTS_NEWSLETTER: flag('COMMENTS_NEWSLETTER', true),
  COMMENTS_NEWSLETTER_RHYTHMS: rhythmList,
  COMMENTS_NEWSLETTER_DEFAULT_RHYTHM: oneRhythm,
  COMMENTS_NEWSLETTER_DAILY_HOUR: integer('COMMENTS_NEWSLETTER_DAILY_HOUR', serviceDefaults.newsletterDailyHour, 0, 23),
  COMMENTS_NEWSLETTER_TIME_ZONE: text.transform((value, ctx) => {
    if (value === null) return serviceDefaults.newsletterTimeZone;
    if (isTimeZone(value)) return value;
    return fail(ctx, `COMMENTS_NEWSLETTER_TIME_ZONE must be an IANA time zone such as Europe/London; got "${value}"`);
  }),
  COMMENTS_NEWSLETTER_SUBSCRIBE_LIMIT: integer(
    'COMMENTS_NEWSLETTER_SUBSCRIBE_LIMIT',
    serviceDefaults.newsletterSubscribeLimit,
    0,
    1_000_000,
  ),
  COMMENTS_NEWSLETTER_MAX_AGE_HOURS: integer(
    'COMMENTS_NEWSLETTER_MAX_AGE_HOURS',
    serviceDefaults.newsletterMaxAgeHours,
    1,
    24 * 365,
  ),
  COMMENTS_NEWSLETTER_FEED_URL: httpUrl('COMMENTS_NEWSLETTER_FEED_URL', 'https://news.example.com/feed.json', false),
  COMMENTS_NEWSLETTER_NAME: text,
  COMMENTS_NEWSLETTER_SEND_MINUTES: integer('COMMENTS_NEWSLETTER_SEND_MINUTES', 0, 0, 24 * 60),
});

type Settings = z.output<typeof settingsSchema>;

function newsletterSettings(s: Settings): NewsletterSettings {
  const rhythms = s.COMMENTS_NEWSLETTER_RHYTHMS;
  const offReason = !s.COMMENTS_NEWSLETTER
    ? 'COMMENTS_NEWSLETTER=0'
    : s.COMMENTS_SMTP_URL === null
      ? 'no COMMENTS_SMTP_URL: subscriptions need e-mail'
      : null;
  return {
    enabled: offReason === null,
    offReason,
    rhythms,
    defaultRhythm: s.COMMENTS_NEWSLETTER_DEFAULT_RHYTHM ?? rhythms[0]!,
    dailyHour: s.COMMENTS_NEWSLETTER_DAILY_HOUR,
    timeZone: s.COMMENTS_NEWSLETTER_TIME_ZONE,
    subscribeLimit: s.COMMENTS_NEWSLETTER_SUBSCRIBE_LIMIT,
    maxAgeHours: s.COMMENTS_NEWSLETTER_MAX_AGE_HOURS,
    feedUrl:
      s.COMMENTS_NEWSLETTER_FEED_URL ?? (s.COMMENTS_SITE_URL ? new URL('feed.json', s.COMMENTS_SITE_URL).href : null),
    name: s.COMMENTS_NEWSLETTER_NAME ?? (s.COMMENTS_SITE_URL ? new URL(s.COMMENTS_SITE_URL).host : 'The newsletter'),
    sendMinutes: s.COMMENTS_NEWSLETTER_SEND_MINUTES,
  };
}

/** Settings that only make sense together. */
function crossChecks(s: Settings): string[] {
  const errors: string[] = [];
  if (s.COMMENTS_SMTP_URL !== null && s.COMMENTS_MAIL_FROM === null)
    errors.push('COMMENTS_MAIL_FROM must be set with COMMENTS_SMTP_URL: the address e-mails come from');
  if (s.COMMENTS_SMTP_URL !== null && s.COMMENTS_SITE_URL === null)
    errors.push('COMMENTS_SITE_URL must be set with COMMENTS_SMTP_URL: e-mails link to the articles');
  if (s.COMMENTS_AKISMET_KEY !== null && s.COMMENTS_SITE_URL === null)
    errors.push('COMMENTS_SITE_URL must be set with COMMENTS_AKISMET_KEY: Akismet checks comments per site');
  const defaultRhythm = s.COMMENTS_NEWSLETTER_DEFAULT_RHYTHM;
  if (defaultRhythm !== null && !s.COMMENTS_NEWSLETTER_RHYTHMS.includes(defaultRhythm))
    errors.push('COMMENTS_NEWSLETTER_DEFAULT_RHYTHM must be one of COMMENTS_NEWSLETTER_RHYTHMS');
  return errors;
}

/** Reads COMMENTS_* variables; throws one ConfigError listing every bad value. */
export function parseServiceConfig(env: Record<string, string | undefined>): ServiceConfig {
  const parsed = settingsSchema.safeParse(env);
  const errors = parsed.success ? crossChecks(parsed.data) : parsed.error.issues.map((issue) => issue.message);
  if (!parsed.success || errors.length > 0)
    throw new ConfigError(`Invalid comment service configuration: ${errors.join('; ')}`);
  const s = parsed.data;
  return {
    port: s.COMMENTS_PORT,
    hostname: s.COMMENTS_HOST,
    db: s.COMMENTS_DB,
    allowedOrigins: s.COMMENTS_ALLOWED_ORIGINS,
    adminToken: s.COMMENTS_ADMIN_TOKEN,
    moderation: s.COMMENTS_MODERATION,
    rateLimit: s.COMMENTS_RATE_LIMIT,
    trustProxy: s.COMMENTS_TRUST_PROXY,
    addressKey: s.COMMENTS_ADDRESS_KEY,
    initDb: s.COMMENTS_DB_INIT,
    retentionDays: s.COMMENTS_RETENTION_DAYS,
    approvedRetentionDays: s.COMMENTS_APPROVED_RETENTION_DAYS,
    healthWrite: s.COMMENTS_HEALTH_WRITE,
    shutdownSeconds: s.COMMENTS_SHUTDOWN_SECONDS,
    articles: s.COMMENTS_ARTICLES,
    smtpUrl: s.COMMENTS_SMTP_URL,
    mailFrom: s.COMMENTS_MAIL_FROM,
    moderatorEmails: s.COMMENTS_MODERATOR_EMAILS,
    mailDigestMinutes: s.COMMENTS_MAIL_DIGEST_MINUTES,
    mailRetrySeconds: s.COMMENTS_MAIL_RETRY_SECONDS,
    siteUrl: s.COMMENTS_SITE_URL,
    publicUrl: s.COMMENTS_PUBLIC_URL,
    akismetKey: s.COMMENTS_AKISMET_KEY,
    maxLinks: s.COMMENTS_MAX_LINKS,
    minSubmitSeconds: s.COMMENTS_MIN_SUBMIT_SECONDS,
    duplicateHours: s.COMMENTS_DUPLICATE_HOURS,
    deployHookUrl: s.COMMENTS_DEPLOY_HOOK_URL,
    deployHookToken: s.COMMENTS_DEPLOY_HOOK_TOKEN,
    deployHookBody: s.COMMENTS_DEPLOY_HOOK_BODY,
    deployHookDebounceSeconds: s.COMMENTS_DEPLOY_HOOK_DEBOUNCE_SECONDS,
    newsletter: newsletterSettings(s),
  };
}
