/**
 * `npm run comments`: the reference comment service under Node, with SQLite storage (or
 * PostgreSQL, for several instances behind a load balancer: COMMENTS_DB=postgres://…).
 * Configured by COMMENTS_* environment variables (see settings.ts and docs/comments.md);
 * `--init` allows starting a new empty database where one existed before.
 */
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { Hono } from 'hono';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../utils/config-error.ts';
import { adminTokenFile, generatedAdminToken } from './admin-token.ts';
import { akismetCheck } from './spam/akismet-check.ts';
import { createCommentService, notifierFor } from './app.ts';
import { createDeployHook, type DeployHook } from './deploy-hook.ts';
import type { ServiceOptions } from './options.ts';
import { loadKnownArticles } from './known-articles.ts';
import { describeDatabase, openStorage } from './store/open-storage.ts';
import { drainOutbox, runOutbox } from './mail/outbox.ts';
import { isPostgresUrl } from './store/postgres-store.ts';
import { scheduleRetention } from './retention.ts';
import { parseServiceConfig, type ServiceConfig } from './settings.ts';
import { smtpMailer } from './mail/smtp-mailer.ts';
import { FaultLog } from './store/storage-fault.ts';
import type { CommentStore } from './store/store.ts';
import type { Notifier } from './mail/notifications.ts';
import { runNewsletter } from './newsletter/run.ts';

/** How often the outbox is looked at besides when a mail is queued (retries wait in it). */
const outboxIntervalMs = 5000;

export interface RunningService {
  url: string;
  config: ServiceConfig;
  /** The file the admin token was generated into, when no COMMENTS_ADMIN_TOKEN was given. */
  generatedTokenFile: string | null;
  /** Whether e-mail links point to the listening address because COMMENTS_PUBLIC_URL is not set. */
  mailLinksToListeningAddress: boolean;
  /** Stops accepting, lets requests in flight finish (closing them after COMMENTS_SHUTDOWN_SECONDS), closes the store. */
  close(): Promise<void>;
}

/** The deploy hook of COMMENTS_DEPLOY_HOOK_URL, when it is set. */
export function deployHookOf(config: ServiceConfig): DeployHook | undefined {
  if (!config.deployHookUrl) return undefined;
  return createDeployHook({
    url: config.deployHookUrl,
    token: config.deployHookToken,
    body: config.deployHookBody,
    debounceMs: config.deployHookDebounceSeconds * 1000,
  });
}

/** Closes the server: idle connections at once, busy ones when their answer is sent or the grace time is up. */
function closeServer(server: Server, graceMs: number): Promise<void> {
  return new Promise<void>((resolve) => {
    const timer = setTimeout(() => server.closeAllConnections(), graceMs);
    timer.unref();
    server.close(() => {
      clearTimeout(timer);
      resolve();
    });
    server.closeIdleConnections();
  });
}

/** Pre-moderation without a token would keep every comment waiting: a token is generated beside the database. */
async function ensureAdminToken(config: ServiceConfig, store: CommentStore): Promise<string | null> {
  if (config.adminToken || config.moderation !== 'pre') return null;
  if (isPostgresUrl(config.db)) {
    await store.close();
    throw new ConfigError(
      'COMMENTS_ADMIN_TOKEN must be set with a PostgreSQL COMMENTS_DB and pre-moderation: every instance needs the same token',
    );
  }
  config.adminToken = generatedAdminToken(config.db);
  return adminTokenFile(config.db);
}

function listen(app: Hono, config: ServiceConfig): Promise<Server> {
  return new Promise<Server>((resolve, reject) => {
    const instance = serve({ fetch: app.fetch, port: config.port, hostname: config.hostname }, () =>
      resolve(instance as Server),
    );
    instance.once('error', reject);
  });
}

const logError = (error: unknown) => console.error(`comments: ${(error as Error)?.message ?? error}`);

/** Runs the newsletter's send every COMMENTS_NEWSLETTER_SEND_MINUTES, when set; returns how to stop. */
function scheduleNewsletter(config: ServiceConfig, store: CommentStore, addressKey: string, wake: () => void) {
  const minutes = config.newsletter.enabled ? config.newsletter.sendMinutes : 0;
  if (minutes === 0) return () => undefined;
  const timer = setInterval(
    () =>
      void runNewsletter(store, config, addressKey)
        .then((result) => {
          if (result.queued > 0) {
            console.log(`newsletter: queued ${result.queued} e-mail(s)`);
            wake();
          }
        })
        .catch(logError),
    minutes * 60_000,
  );
  timer.unref();
  return () => clearInterval(timer);
}

/** Sends the outbox from this process (and the moderators' digests), when COMMENTS_SMTP_URL is set; returns how to stop. */
function startMail(config: ServiceConfig, store: CommentStore, notifier: Notifier) {
  if (!config.smtpUrl) return { wake: () => undefined, stop: async () => undefined };
  const mailer = smtpMailer(config.smtpUrl);
  // Until nothing is due: a newsletter queues thousands at once, more than one batch per interval.
  const outbox = runOutbox(
    () => drainOutbox(store, mailer, config, (line) => console.error(line)),
    outboxIntervalMs,
    logError,
  );
  const digestTimer =
    config.mailDigestMinutes > 0
      ? setInterval(() => void notifier.sendDigest().catch(logError), config.mailDigestMinutes * 60_000)
      : null;
  digestTimer?.unref();
  return {
    wake: outbox.wake,
    stop: async () => {
      if (digestTimer) clearInterval(digestTimer);
      await outbox.stop();
      mailer.close();
    },
  };
}

export async function startService(
  env: Record<string, string | undefined> = process.env,
  args: string[] = [],
): Promise<RunningService> {
  const config = parseServiceConfig(args.includes('--init') ? { ...env, COMMENTS_DB_INIT: '1' } : env);
  const { store, addressKey } = await openStorage(config);
  const generatedTokenFile = await ensureAdminToken(config, store);
  const faults = new FaultLog();
  const knownArticles = config.articles
    ? await loadKnownArticles(config.articles, (line) => console.error(line)).catch(async (error: unknown) => {
        await store.close();
        throw error;
      })
    : undefined;
  const deployHook = deployHookOf(config);
  let wakeOutbox = () => {};
  const options: ServiceOptions = {
    store,
    config,
    addressKey,
    faults,
    knownArticles,
    peerAddress: (c) => getConnInfo(c).remote.address,
    spamCheck: config.akismetKey
      ? akismetCheck(config.akismetKey, config.siteUrl!, env.COMMENTS_AKISMET_ENDPOINT)
      : undefined,
    onMailQueued: () => wakeOutbox(),
    deployHook,
  };
  const notifier = notifierFor(options);
  options.notifier = notifier;
  const server = await listen(createCommentService(options), config).catch(async (error: unknown) => {
    knownArticles?.stop();
    await store.close();
    throw error;
  });
  const stopRetention = scheduleRetention(store, config, (error) => faults.report(error));
  const { port } = server.address() as AddressInfo;
  const host = config.hostname.includes(':') ? `[${config.hostname}]` : config.hostname;
  const url = `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`;
  const mailLinksToListeningAddress = config.smtpUrl !== null && config.publicUrl === null;
  config.publicUrl ??= `${url}/`;
  const mail = startMail(config, store, notifier);
  wakeOutbox = mail.wake;
  const stopNewsletter = scheduleNewsletter(config, store, addressKey, mail.wake);
  return {
    url,
    config,
    generatedTokenFile,
    mailLinksToListeningAddress,
    close: async () => {
      stopRetention();
      stopNewsletter();
      deployHook?.stop();
      await mail.stop();
      knownArticles?.stop();
      await closeServer(server, config.shutdownSeconds * 1000);
      await store.close();
    },
  };
}

/**
 * Ends the process when the service could not start for a reason the person starting it can fix:
 * a bad setting or an unusable database (exit 2) or a port in use (exit 1), told in one line
 * without a stack trace. Anything else is a bug and is thrown on, stack and all.
 */
export function exitOnStartupError(error: unknown): never {
  if (error instanceof ConfigError) {
    console.error(error.message.replace(/\s*\n\s*/g, ' '));
    process.exit(2);
  }
  const { code, port } = (error ?? {}) as NodeJS.ErrnoException & { port?: number };
  if (code === 'EADDRINUSE') {
    console.error(`Port ${port} is in use: stop the other comment service or set COMMENTS_PORT to another port`);
    process.exit(1);
  }
  throw error;
}

/** What the service says once at start about the newsletter: on with its rhythms, or why it is off. */
export function newsletterLine({ newsletter }: ServiceConfig): string {
  if (!newsletter.enabled) return `  newsletter: off (${newsletter.offReason}); the site's subscribe box is hidden`;
  const schedule =
    newsletter.sendMinutes > 0
      ? `sent every ${newsletter.sendMinutes} minutes`
      : 'sent by `npm run newsletter -- send` (after each deploy)';
  return `  newsletter: subscriptions open (${newsletter.rhythms.join(', ')}; default ${newsletter.defaultRhythm}), ${schedule}`;
}

if (import.meta.main) {
  try {
    const service = await startService(process.env, process.argv.slice(2));
    const { config } = service;
    const lines = [
      `Comment service listening on ${service.url}`,
      `  database: ${describeDatabase(config.db)}; moderation: ${config.moderation}; origins: ${config.allowedOrigins.join(', ')}`,
    ];
    if (service.generatedTokenFile)
      lines.push(`  admin token (no COMMENTS_ADMIN_TOKEN set): in ${service.generatedTokenFile}`);
    if (!config.adminToken) lines.push('  moderation endpoints are off: set COMMENTS_ADMIN_TOKEN to use them');
    else lines.push(`  moderation page: ${service.url}/admin/`);
    const digest =
      config.mailDigestMinutes > 0
        ? `, a digest every ${config.mailDigestMinutes} minutes`
        : ', one per waiting comment';
    lines.push(
      config.smtpUrl
        ? `  e-mail: to ${config.moderatorEmails.length} moderator(s)${digest}, and reply notices to commenters who ask`
        : '  e-mail: off, nothing will be sent (set COMMENTS_SMTP_URL, COMMENTS_MAIL_FROM, COMMENTS_SITE_URL and ' +
            'COMMENTS_MODERATOR_EMAILS to send notifications)',
    );
    if (service.mailLinksToListeningAddress) {
      lines.push(
        `  e-mail links point to ${config.publicUrl}: set COMMENTS_PUBLIC_URL to the service's public address`,
      );
    }
    lines.push(newsletterLine(config));
    if (config.akismetKey) lines.push('  spam check: Akismet');
    lines.push(
      config.deployHookUrl
        ? `  site rebuilds: requested from the deploy hook ${config.deployHookDebounceSeconds} s after moderation changes approved comments`
        : '  site rebuilds: none requested (set COMMENTS_DEPLOY_HOOK_URL so approved comments reach the site without a manual build)',
    );
    console.log(lines.join('\n'));
    const stop = () => {
      service.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    exitOnStartupError(error);
  }
}
