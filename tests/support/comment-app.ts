import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import { createCommentService, type ServiceOptions } from '../../src/comments/server/app.ts';
import { parseServiceConfig } from '../../src/comments/server/settings.ts';
import { openStorage } from '../../src/comments/server/open-storage.ts';
import type { SqliteStore } from '../../src/comments/server/sqlite-store.ts';

export const adminToken = 'test-admin-token-0123456789';
export const siteOrigin = 'http://localhost:4321';
/** The client every in-process request comes from unless it names another. */
export const loopbackAddress = '127.0.0.1';

/** A comment as the site's script posts it: urlencoded, Accept JSON, from the site's origin. */
export function commentPost(fields: Record<string, string>, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: { Origin: siteOrigin, Accept: 'application/json', 'Content-Type': 'application/x-www-form-urlencoded', ...headers },
    body: new URLSearchParams(fields),
  };
}

export function adminRequest(method: string): RequestInit {
  return { method, headers: { Authorization: `Bearer ${adminToken}` } };
}

export interface InProcessService {
  app: Hono;
  store: SqliteStore;
  /** The SQLite file behind the service. */
  db: string;
  /** The key client addresses are hashed with. */
  addressKey: string;
  /** `app.request` as from the client at `peer` (the address a real server would see). */
  request(pathname: string, init?: RequestInit, peer?: string): Promise<Response>;
  postComment(fields: Record<string, string>, headers?: Record<string, string>): Promise<Response>;
  admin(method: string, pathname: string): Promise<Response>;
  close(): Promise<void>;
}

/**
 * The service as `npm run comments` builds it (settings from COMMENTS_* variables, SQLite in a
 * file), answering Requests in this process. The peer address comes with each request, as the
 * Node adapter passes the socket's.
 */
export async function createInProcessService(env: Record<string, string> = {}, extra: Partial<ServiceOptions> = {}): Promise<InProcessService> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'static-news-comments-'));
  const config = parseServiceConfig({
    COMMENTS_DB: path.join(dir, 'comments.db'),
    COMMENTS_ALLOWED_ORIGINS: siteOrigin,
    COMMENTS_ADMIN_TOKEN: adminToken,
    // Most tests post the same text again and again; the duplicate check is tested on its own.
    COMMENTS_DUPLICATE_HOURS: '0',
    ...env,
  });
  const { store, addressKey } = openStorage(config);
  const app = createCommentService({ store, config, addressKey, peerAddress: (c) => (c.env as { peer: string }).peer, ...extra });
  const request = async (pathname: string, init?: RequestInit, peer = loopbackAddress) => app.request(pathname, init, { peer });
  return {
    app,
    store,
    db: config.db,
    addressKey,
    request,
    postComment: (fields, headers) => request('/comments', commentPost(fields, headers)),
    admin: (method, pathname) => request(pathname, adminRequest(method)),
    close: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `use` with a service of these settings, closed (and its files removed) afterwards. */
export async function withInProcessService(env: Record<string, string>, use: (service: InProcessService) => Promise<void>): Promise<void> {
  const service = await createInProcessService(env);
  try {
    await use(service);
  } finally {
    await service.close();
  }
}
