import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { connect } from 'node:net';
import path from 'node:path';
import { parseHeadersFile, type HeaderRule } from '../../src/deploy/headers.ts';
import { nginxServerBlock } from '../../src/deploy/nginx.ts';
import { readRedirects } from '../../src/deploy/redirects.ts';
import { testRoot } from './site-build.ts';
import { freePort } from '../../src/utils/ports.ts';

/** Where Debian puts nginx; NGINX_PATH wins. */
const candidates = [process.env.NGINX_PATH, '/usr/sbin/nginx', '/usr/bin/nginx', '/usr/local/sbin/nginx'].filter(
  (candidate): candidate is string => Boolean(candidate),
);
const nginxInstallHint = 'No nginx found: install it (Debian/Ubuntu: apt-get install -y nginx) or set NGINX_PATH.';

/** Debian's dynamic brotli module (package libnginx-mod-http-brotli-filter), if installed. */
const brotliModule = '/usr/lib/nginx/modules/ngx_http_brotli_filter_module.so';

export interface ServedSite {
  base: string;
  dir: string;
}

export interface NginxServer {
  origin: string;
  /** The complete nginx.conf it runs with. */
  config: string;
  /** Header rules per base path, parsed from each build's `_headers`. */
  rules: Map<string, HeaderRule[]>;
  brotli: boolean;
  close(): Promise<void>;
}

/** A complete nginx.conf around a server block: foreground, everything under `prefix`, Debian's mime.types. */
export function nginxMainConfig(server: string, prefix: string, brotli = false): string {
  const temp = (name: string) => path.join(prefix, name);
  return [
    brotli ? `load_module ${brotliModule};` : '',
    'daemon off;',
    // Run as root, the master would hand requests to workers running as "nobody"; keep them as the test's user.
    process.getuid?.() === 0 ? 'user root;' : '',
    'worker_processes 1;',
    `pid ${temp('nginx.pid')};`,
    'error_log stderr warn;',
    'events { worker_connections 256; }',
    'http {',
    '  include /etc/nginx/mime.types;',
    '  types { image/avif avif; application/manifest+json webmanifest; }',
    '  default_type application/octet-stream;',
    '  access_log off;',
    '  sendfile on;',
    ...['client_body', 'proxy', 'fastcgi', 'uwsgi', 'scgi'].map((name) => `  ${name}_temp_path ${temp(name)};`),
    server,
    '}',
    '',
  ].join('\n');
}

/** The nginx binary, or an error that says how to install it. */
export function nginxBinary(): string {
  const binary = candidates.find((candidate) => existsSync(candidate));
  if (!binary) throw new Error(nginxInstallHint);
  return binary;
}

function canConnect(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

/**
 * Starts a real nginx in the foreground on a free loopback port, serving each build under
 * its base path with the server block from src/deploy/nginx.ts and the headers from the
 * build's own `_headers`. Fails loudly when nginx is missing or refuses the configuration.
 */
export async function startNginx(sites: readonly ServedSite[]): Promise<NginxServer> {
  const binary = nginxBinary();
  const rules = new Map<string, HeaderRule[]>();
  for (const site of sites)
    rules.set(site.base, parseHeadersFile(await readFile(path.join(site.dir, '_headers'), 'utf8')));
  await mkdir(testRoot, { recursive: true });
  const prefix = await mkdtemp(path.join(testRoot, 'nginx-'));
  const brotli = existsSync(brotliModule);
  const port = await freePort();
  const redirects = await Promise.all(
    sites.map(async (site) => (await readRedirects(path.join(site.dir, '_redirects'))).redirects),
  );
  const server = nginxServerBlock({
    listen: `127.0.0.1:${port}`,
    brotli,
    sites: sites.map((site, index) => ({
      base: site.base,
      root: site.dir,
      rules: rules.get(site.base)!,
      redirects: redirects[index]!,
    })),
  });
  const config = nginxMainConfig(server, prefix, brotli);
  const configFile = path.join(prefix, 'nginx.conf');
  await writeFile(configFile, config);

  const child: ChildProcess = spawn(binary, ['-p', prefix, '-c', configFile], { stdio: ['ignore', 'pipe', 'pipe'] });
  let output = '';
  child.stdout!.on('data', (chunk) => (output += chunk));
  child.stderr!.on('data', (chunk) => (output += chunk));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  let running = true;
  void exited.then(() => (running = false));

  const deadline = Date.now() + 15_000;
  while (!(await canConnect(port))) {
    if (!running) {
      await rm(prefix, { recursive: true, force: true });
      throw new Error(`nginx exited before serving:\n${output}\n--- nginx.conf ---\n${config}`);
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      await exited;
      await rm(prefix, { recursive: true, force: true });
      throw new Error(`nginx did not start listening on port ${port}:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 50));
  }

  return {
    origin: `http://127.0.0.1:${port}`,
    config,
    rules,
    brotli,
    close: async () => {
      if (running) {
        child.kill('SIGTERM'); // nginx's fast shutdown; the master stops its workers
        await exited;
      }
      await rm(prefix, { recursive: true, force: true });
    },
  };
}
