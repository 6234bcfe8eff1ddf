/**
 * npm start: starts the comment service, builds the site with its form pointed at the
 * service, and serves the built site; prints how to moderate. Ctrl-C stops everything.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { adminTokenFile, generatedAdminToken } from '../comment-service/admin-token.ts';
import { exitOnStartupError, startService } from '../comment-service/node.ts';
import { serviceDefaults } from '../comment-service/settings.ts';
import { freePort } from '../utils/ports.ts';

const root = fileURLToPath(new URL('../..', import.meta.url));
const astroBin = path.join(root, 'node_modules', 'astro', 'bin', 'astro.mjs');

function runAstro(args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  return spawn(process.execPath, [astroBin, ...args], { cwd: root, env, stdio: 'inherit' });
}

const sitePort = await freePort(Number(process.env.PORT) || 4321);
const siteUrl = process.env.SITE_URL ?? `http://localhost:${sitePort}`;
const db = process.env.COMMENTS_DB || serviceDefaults.db;
const token = process.env.COMMENTS_ADMIN_TOKEN || generatedAdminToken(db);
let service;
try {
  service = await startService({
    ...process.env,
    COMMENTS_DB: db,
    COMMENTS_ADMIN_TOKEN: token,
    COMMENTS_ALLOWED_ORIGINS:
      process.env.COMMENTS_ALLOWED_ORIGINS ?? `http://localhost:${sitePort},http://127.0.0.1:${sitePort}`,
  });
} catch (error) {
  exitOnStartupError(error);
}
console.log(`Comment service listening on ${service.url} (database ${db})`);

const env = {
  ...process.env,
  SITE_URL: siteUrl,
  COMMENTS_PROVIDER: process.env.COMMENTS_PROVIDER ?? 'service',
  COMMENTS_ENDPOINT: process.env.COMMENTS_ENDPOINT ?? service.url,
};
const children = new Set<ChildProcess>();
const stop = async (code: number) => {
  for (const child of children) child.kill('SIGTERM');
  await service.close();
  process.exit(code);
};
process.once('SIGINT', () => void stop(0));
process.once('SIGTERM', () => void stop(0));

const build = runAstro(['build'], env);
children.add(build);
const buildCode = await new Promise<number>((resolve) => build.once('exit', (code) => resolve(code ?? 1)));
children.delete(build);
if (buildCode !== 0) await stop(buildCode);

const auth = `-H 'Authorization: Bearer ${token}'`;
console.log(`
Comments are on. To moderate (the token is in ${adminTokenFile(db)}):
  in a browser:   ${service.url}/admin/ (sign in with the token)
  list pending:   curl ${auth} '${service.url}/admin/comments?status=pending'
  approve one:    curl -X POST ${auth} ${service.url}/admin/comments/<id>/approve
Approved comments appear on the page after a rebuild: run \`npm run build\` in another terminal
(this server keeps serving dist/), or restart \`npm start\`.
`);

const preview = runAstro(['preview', '--port', String(sitePort)], env);
children.add(preview);
preview.once('exit', (code) => void stop(code ?? 0));
