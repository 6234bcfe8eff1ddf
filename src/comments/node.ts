/**
 * `npm run comments`: the reference comment service under Node, with SQLite storage.
 * Configured by COMMENTS_* environment variables (see config.ts and the README).
 */
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import type { AddressInfo } from 'node:net';
import { ConfigError, parseServiceConfig, type ServiceConfig } from './config.ts';
import { createCommentService } from './service.ts';
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
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(2);
    }
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EADDRINUSE') {
      console.error(`Port ${process.env.COMMENTS_PORT ?? 8787} is in use: set COMMENTS_PORT to another port`);
      process.exit(1);
    }
    throw error;
  }
}
