/**
 * npm run cms: the newsroom admin on this machine, no account needed. Starts Decap's local
 * backend (decap-server, which reads and writes content/ directly) and the dev server, and
 * prints the admin's URL. Ctrl-C stops both.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createRequire } from 'node:module';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { ADMIN_FOLDER } from '../cms/admin-folder.ts';
import { buildSettings } from '../build-settings.ts';
import { localBackendPort, repoRoot } from '../cms/settings.ts';
import { normaliseBase } from '../utils/path-builder.ts';
import { freePort } from '../utils/ports.ts';

const root = path.resolve(fileURLToPath(new URL('../..', import.meta.url)));
const require = createRequire(import.meta.url);
const astroBin = path.join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');
const decapServer = require.resolve('decap-server/dist/index.js');

const backendPort = await freePort(localBackendPort(process.env));
const sitePort = await freePort(Number(process.env.PORT) || 4321);
const env: NodeJS.ProcessEnv = {
  ...process.env,
  DECAP_SERVER_PORT: String(backendPort),
  GIT_REPO_DIRECTORY: repoRoot(buildSettings.cms.gitRepoDirectory, root, buildSettings.contentDir),
};

const children = new Set<ChildProcess>();
const stop = (code: number) => {
  for (const child of children) child.kill('SIGTERM');
  process.exit(code);
};
process.once('SIGINT', () => stop(0));
process.once('SIGTERM', () => stop(0));

function start(args: string[], name: string): ChildProcess {
  const child = spawn(process.execPath, args, { cwd: root, env, stdio: ['ignore', 'inherit', 'inherit'] });
  children.add(child);
  child.once('exit', (code) => {
    children.delete(child);
    console.error(`${name} stopped (exit code ${code}); stopping the CMS.`);
    stop(code ?? 1);
  });
  return child;
}

// Loopback only: the local backend writes files for anyone who can reach it.
env.PORT = String(backendPort);
env.BIND_HOST = '127.0.0.1';
env.MODE = 'fs';
start([decapServer], 'decap-server');
delete env.PORT;
start([astroBin, 'dev', '--host', '127.0.0.1', '--port', String(sitePort), ...process.argv.slice(2)], 'astro dev');

const base = normaliseBase(process.env.BASE_PATH ?? '/');
console.log(
  `\nThe newsroom admin: open http://127.0.0.1:${sitePort}${base}${ADMIN_FOLDER}/ (local backend on port ${backendPort}).\n`,
);
