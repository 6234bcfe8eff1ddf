/**
 * The comment service as a Cloudflare Worker (wrangler.jsonc; docs/deploy.md): the same Hono app
 * as under Node (app.ts), comments in D1, settings from the Worker's variables and secrets (the
 * same COMMENTS_* names as the environment of `npm run comments`), the client's address from
 * CF-Connecting-IP, and on the cron trigger personal data forgotten (retention.ts), a deploy-hook
 * call that was due but not made (shared-deploy-hook.ts) and, with COMMENTS_SMTP_URL, the digest
 * and the newsletter queued and the outbox sent (mail/worker-delivery.ts).
 */
import { AsyncLocalStorage } from 'node:async_hooks';
import type { ExecutionContext, Hono } from 'hono';
import { ConfigError } from '../utils/config-error.ts';
import { createCommentService, notifierFor } from './app.ts';
import { D1Store, type D1Database } from './store/d1-store.ts';
import { forgetExpired } from './retention.ts';
import { parseServiceConfig, type ServiceConfig } from './settings.ts';
import type { ServiceOptions } from './options.ts';
import { socketOptions } from './mail/socket-options.ts';
import { workerMail, type WorkerMail } from './mail/worker-delivery.ts';
import { createSharedDeployHook, type SharedDeployHook } from './shared-deploy-hook.ts';

export interface WorkerEnv {
  COMMENTS_D1: D1Database;
  [setting: string]: unknown;
}

interface WorkerService {
  app: Hono;
  store: D1Store;
  config: ServiceConfig;
  /** Sending e-mail, when COMMENTS_SMTP_URL is set. */
  mail: WorkerMail | null;
  deployHook: SharedDeployHook | undefined;
}

/** The longest a Worker's deploy hook waits to gather changes (waitUntil ends 30 s after the answer). */
const workerDebounceSeconds = 20;

/**
 * The request being answered (needs the nodejs_als compatibility flag): a deploy-hook wait it
 * starts is kept alive by that request's own waitUntil, whichever requests run at the same time.
 */
const requestContext = new AsyncLocalStorage<ExecutionContext>();

/**
 * Counts the mails queued in this isolate: an answer during which it grew queued mail, which is
 * sent once the answer is out. Several requests at once may each see the others' mail; a delivery
 * too many sends nothing twice (the outbox's claims).
 */
let mailsQueued = 0;

/** Built once per isolate: bindings do not change while it lives. */
let built: { env: WorkerEnv; service: WorkerService } | null = null;

function settingsOf(env: WorkerEnv): Record<string, string | undefined> {
  return Object.fromEntries(
    Object.entries(env).filter((entry): entry is [string, string] => typeof entry[1] === 'string'),
  );
}

function serviceFor(env: WorkerEnv): WorkerService {
  if (built?.env === env) return built.service;
  const config = parseServiceConfig(settingsOf(env));
  if (!config.addressKey)
    throw new ConfigError('COMMENTS_ADDRESS_KEY must be set (wrangler secret put COMMENTS_ADDRESS_KEY)');
  if (!config.adminToken && config.moderation === 'pre') {
    throw new ConfigError(
      'COMMENTS_ADMIN_TOKEN must be set with pre-moderation (wrangler secret put COMMENTS_ADMIN_TOKEN)',
    );
  }
  if (config.smtpUrl) {
    socketOptions(config.smtpUrl);
    // Under Node the links in mails fall back to the address the service listens on; a Worker has none to give.
    if (!config.publicUrl)
      throw new ConfigError(
        "COMMENTS_PUBLIC_URL must be set with COMMENTS_SMTP_URL: the Worker's address, for the links in e-mails",
      );
  }
  const store = new D1Store(env.COMMENTS_D1);
  const deployHook = config.deployHookUrl
    ? createSharedDeployHook(
        {
          url: config.deployHookUrl,
          token: config.deployHookToken,
          body: config.deployHookBody,
          // A Worker lives on for 30 s after its answer, not longer: the call waits at most 20 s.
          debounceMs: Math.min(config.deployHookDebounceSeconds, workerDebounceSeconds) * 1000,
          attempts: 3,
          firstRetryMs: 2000,
        },
        store,
        { keepAlive: (work) => requestContext.getStore()?.waitUntil(work) },
      )
    : undefined;
  const options: ServiceOptions = {
    store,
    config,
    addressKey: config.addressKey,
    peerAddress: (c) => c.req.header('cf-connecting-ip'),
    deployHook,
    onMailQueued: () => mailsQueued++,
  };
  const notifier = notifierFor(options);
  const { smtpUrl, addressKey } = config;
  const mail = smtpUrl
    ? workerMail({ store, config: { ...config, smtpUrl }, notifier, addressKey, log: (line) => console.error(line) })
    : null;
  built = { env, service: { app: createCommentService({ ...options, notifier }), store, config, mail, deployHook } };
  return built.service;
}

const logError = (error: unknown) => console.error(`comments: ${(error as Error)?.message ?? error}`);

export default {
  async fetch(request: Request, env: WorkerEnv, context: ExecutionContext): Promise<Response> {
    let service: WorkerService;
    try {
      service = serviceFor(env);
    } catch (error) {
      if (!(error instanceof ConfigError)) throw error;
      console.error(error.message);
      return Response.json({ error: `The comment service is not configured: ${error.message}` }, { status: 500 });
    }
    const queuedBefore = mailsQueued;
    const response = await requestContext.run(context, () => service.app.fetch(request, env, context));
    if (service.mail && mailsQueued !== queuedBefore) context.waitUntil(service.mail.deliver().catch(logError));
    return response;
  },

  scheduled(_event: unknown, env: WorkerEnv, context: ExecutionContext): void {
    const { store, config, mail, deployHook } = serviceFor(env);
    context.waitUntil(Promise.all([forgetExpired(store, config), mail?.scheduled().catch(logError)]));
    if (deployHook) context.waitUntil(deployHook.catchUp());
  },
};
