import { inject } from 'vitest';
import type { StaticServer } from './static-server.ts';

/**
 * The fixture builds as global setup serves them on loopback for the whole run, with a
 * real comment service behind them (its origin is allowed by the service, so the
 * comment script's requests succeed). Closing is global setup's job.
 */
export function servedSite(build: 'root' | 'news'): StaticServer {
  return { origin: inject(build === 'root' ? 'siteOrigin' : 'newsSiteOrigin'), close: async () => {} };
}
