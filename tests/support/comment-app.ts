import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { Hono } from 'hono';
import { createCommentService } from '../../src/comment-service/app.ts';
import type { ServiceOptions } from '../../src/comment-service/options.ts';
import { parseServiceConfig } from '../../src/comment-service/settings.ts';
import { openStorage } from '../../src/comment-service/store/open-storage.ts';
import type { CommentStore } from '../../src/comment-service/store/store.ts';
import { DatabaseSync } from 'node:sqlite';

export const adminToken = 'test-admin-token-0123456789';
export const siteOrigin = 'http://localhost:4321';
/** The client every in-process request comes from unless it names another. */
export const loopbackAddress = '127.0.0.1';

/** A comment as the site's script posts it: urlencoded, Accept JSON, from the site's origin. */
export function commentPost(fields: Record<string, string>, headers: Record<string, string> = {}): RequestInit {
  return {
    method: 'POST',
    headers: {
      Origin: siteOrigin,
      Accept: 'application/json',
      'Content-Type': 'application/x-www-form-urlencoded',
      ...headers,
    },
    body: new URLSearchParams(fields),
  };
}

export function adminRequest(method: string): RequestInit {
  return { method, headers: { Authorization: `Bearer ${adminToken}` } };
}

/** The comment service under test, wherever it runs (Node with SQLite or PostgreSQL, a Worker with D1). */
export interface TestService {
  /** A request as from the client at `peer` (the address a real server would see). */
  request(pathname: string, init?: RequestInit, peer?: string): Promise<Response>;
  postComment(fields: Record<string, string>, headers?: Record<string, string>): Promise<Response>;
  admin(method: string, pathname: string): Promise<Response>;
  /** The ip_hash column of every stored comment, read from the database itself. */
  storedAddressHashes(): Promise<(string | null)[]>;
  close(): Promise<void>;
}

/** Starts a service with these COMMENTS_* settings on top of the tests' defaults. */
export type TestServiceFactory = (env?: Record<string, string>) => Promise<TestService>;

/** The test-support half of a TestService: posting and moderating through `request`. */
export function requestHelpers(request: TestService['request']): Pick<TestService, 'postComment' | 'admin'> {
  return {
    postComment: (fields, headers) => request('/comments', commentPost(fields, headers)),
    admin: (method, pathname) => request(pathname, adminRequest(method)),
  };
}

/** The settings every test service starts with. */
export const testSettings = {
  COMMENTS_ALLOWED_ORIGINS: siteOrigin,
  COMMENTS_ADMIN_TOKEN: adminToken,
  // Most tests post the same text again and again; the duplicate check is tested on its own.
  COMMENTS_DUPLICATE_HOURS: '0',
};

export interface InProcessService extends TestService {
  app: Hono;
  store: CommentStore;
  /** The SQLite file (or postgres:// URL) behind the service. */
  db: string;
  /** The key client addresses are hashed with. */
  addressKey: string;
}

/** The service of these settings on `store`, answering Requests in this process. */
export function inProcessApp(
  store: CommentStore,
  addressKey: string,
  env: Record<string, string>,
  extra: Partial<ServiceOptions> = {},
) {
  const config = parseServiceConfig({ ...testSettings, ...env });
  const app = createCommentService({
    store,
    config,
    addressKey,
    peerAddress: (c) => (c.env as { peer: string }).peer,
    ...extra,
  });
  const request = async (pathname: string, init?: RequestInit, peer = loopbackAddress) =>
    app.request(pathname, init, { peer });
  return { app, request, ...requestHelpers(request) };
}

/**
 * The service as `npm run comments` builds it (settings from COMMENTS_* variables, SQLite in a
 * file), answering Requests in this process. The peer address comes with each request, as the
 * Node adapter passes the socket's.
 */
export async function createInProcessService(
  env: Record<string, string> = {},
  extra: Partial<ServiceOptions> = {},
): Promise<InProcessService> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'static-news-comments-'));
  const settings = { COMMENTS_DB: path.join(dir, 'comments.db'), ...env };
  const config = parseServiceConfig({ ...testSettings, ...settings });
  const { store, addressKey } = await openStorage(config);
  return {
    ...inProcessApp(store, addressKey, settings, extra),
    store,
    db: config.db,
    addressKey,
    storedAddressHashes: async () => {
      const db = new DatabaseSync(config.db, { readOnly: true });
      try {
        return (db.prepare('SELECT ip_hash FROM comments').all() as { ip_hash: string | null }[]).map(
          (row) => row.ip_hash,
        );
      } finally {
        db.close();
      }
    },
    close: async () => {
      await store.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Runs `use` with a service of these settings, closed (and its files removed) afterwards. */
export async function withInProcessService(
  env: Record<string, string>,
  use: (service: InProcessService) => Promise<void>,
): Promise<void> {
  const service = await createInProcessService(env);
  try {
    await use(service);
  } finally {
    await service.close();
  }
}
