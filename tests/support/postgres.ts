/**
 * A real PostgreSQL server for tests: Debian's `postgresql` package (tools/provision.sh installs
 * it), a fresh data directory in the system's temp folder, trust authentication on a loopback
 * port, started with pg_ctl and removed afterwards. As root it runs as the `postgres` user (the
 * server refuses to run as root).
 */
import { execFile } from 'node:child_process';
import { chownSync, existsSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import pg from 'pg';
import { freePort } from '../../src/utils/ports.ts';

const run = promisify(execFile);

/** The newest installed server's programs (PG_BIN overrides). */
function serverBin(): string {
  if (process.env.PG_BIN) return process.env.PG_BIN;
  const root = '/usr/lib/postgresql';
  const versions = existsSync(root) ? readdirSync(root).sort((a, b) => Number(b) - Number(a)) : [];
  const bin = versions
    .map((version) => path.join(root, version, 'bin'))
    .find((dir) => existsSync(path.join(dir, 'pg_ctl')));
  if (!bin)
    throw new Error(
      'PostgreSQL is not installed: run tools/provision.sh (apt-get install -y postgresql) or set PG_BIN',
    );
  return bin;
}

export interface PostgresServer {
  /** postgres://postgres@127.0.0.1:PORT/ (append a database name). */
  url: string;
  /** Creates an empty database and returns its URL. */
  createDatabase(): Promise<string>;
  /** Stops the server, keeping its data, as a database going down. */
  pause(): Promise<void>;
  /** Starts it again on the same port and data. */
  resume(): Promise<void>;
  stop(): Promise<void>;
}

export async function startPostgres(): Promise<PostgresServer> {
  const bin = serverBin();
  const asRoot = process.getuid?.() === 0;
  const dir = mkdtempSync(path.join(os.tmpdir(), 'static-news-pg-'));
  // The server refuses to run as root: as root, its programs run as the `postgres` user the package creates.
  let owner: { uid: number; gid: number } | undefined;
  if (asRoot) {
    const [{ stdout: uid }, { stdout: gid }] = await Promise.all([
      run('id', ['-u', 'postgres']),
      run('id', ['-g', 'postgres']),
    ]);
    owner = { uid: Number(uid.trim()), gid: Number(gid.trim()) };
    chownSync(dir, owner.uid, owner.gid);
  }
  const pgRun = (program: string, args: string[]) => run(path.join(bin, program), args, { ...owner, cwd: dir });
  const data = path.join(dir, 'data');
  const port = await freePort();
  await pgRun('initdb', ['-D', data, '-A', 'trust', '-U', 'postgres', '--no-sync']);
  const start = () =>
    pgRun('pg_ctl', [
      '-D',
      data,
      '-l',
      path.join(dir, 'server.log'),
      '-w',
      '-o',
      `-p ${port} -h 127.0.0.1 -k ${dir} -c max_connections=200`,
      'start',
    ]);
  await start();
  const url = `postgres://postgres@127.0.0.1:${port}/`;
  let databases = 0;
  return {
    url,
    createDatabase: async () => {
      const name = `comments_${process.pid}_${++databases}`;
      const admin = new pg.Client({ connectionString: `${url}postgres` });
      await admin.connect();
      try {
        await admin.query(`CREATE DATABASE ${name}`);
      } finally {
        await admin.end();
      }
      return `${url}${name}`;
    },
    pause: async () => {
      await pgRun('pg_ctl', ['-D', data, '-m', 'fast', '-w', 'stop']);
    },
    resume: async () => {
      await start();
    },
    stop: async () => {
      await pgRun('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {});
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** Reads rows from a test database directly, not through the store. */
export async function queryDatabase(url: string, query: string): Promise<Record<string, unknown>[]> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return (await client.query(query)).rows;
  } finally {
    await client.end();
  }
}
