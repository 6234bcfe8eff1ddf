/**
 * `npm run comments`: the reference comment service under Node, with SQLite storage.
 * Configured by COMMENTS_* environment variables (see settings.ts and the README).
 */
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AddressInfo } from 'node:net';
import { ConfigError } from '../../utils/config-error.ts';
import { createCommentService } from './app.ts';
import { parseServiceConfig, type ServiceConfig } from './settings.ts';
import { SqliteStore } from './sqlite-store.ts';

export interface RunningService {
  url: string;
  config: ServiceConfig;
  close(): Promise<void>;
}

export async function startService(env: Record<string, string | undefined> = process.env): Promise<RunningService> {
  const config = parseServiceConfig(env);
  const store = new SqliteStore(config.db);
  const app = createCommentService({ store, config, peerAddress: (c) => getConnInfo(c).remote.address });
  const server = await new Promise<ReturnType<typeof serve>>((resolve, reject) => {
    const instance = serve({ fetch: app.fetch, port: config.port, hostname: config.hostname }, () => resolve(instance));
    instance.once('error', reject);
  }).catch(async (error: unknown) => {
    await store.close();
    throw error;
  });
  const { port } = server.address() as AddressInfo;
  const host = config.hostname.includes(':') ? `[${config.hostname}]` : config.hostname;
  return {
    url: `http://${host === '0.0.0.0' ? '127.0.0.1' : host}:${port}`,
    config,
    close: async () => {
      await new Promise<void>((resolve) => server.close(() => resolve()));
      await store.close();
    },
  };
}

/**
 * Ends the process when the service could not start for a reason the person starting it can fix:
 * a bad setting (exit 2) or a port in use (exit 1), told in one line without a stack trace.
 * Anything else is a bug and is thrown on, stack and all.
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

if (import.meta.main) {
  try {
    const service = await startService();
    const { config } = service;
    console.log(`Comment service listening on ${service.url}`);
    console.log(`  database: ${config.db}; moderation: ${config.moderation}; origins: ${config.allowedOrigins.join(', ')}`);
    if (!config.adminToken) console.log('  moderation endpoints are off: set COMMENTS_ADMIN_TOKEN to use them');
    const stop = () => {
      service.close().then(() => process.exit(0));
    };
    process.once('SIGINT', stop);
    process.once('SIGTERM', stop);
  } catch (error) {
    exitOnStartupError(error);
  }
}
