/**
 * The admin's settings from the environment, read once at build (or dev-server) start.
 * Documented in docs/cms.md.
 */
import path from 'node:path';
import type { CmsBackendSettings } from './config.ts';

type Env = Record<string, string | undefined>;

/** decap-server's default port; `npm run cms` starts it there. */
export const LOCAL_BACKEND_PORT = 8081;

const setting = (env: Env, name: string) => env[name]?.trim() || undefined;

/** "owner/name" from a GitHub repository URL such as Netlify's REPOSITORY_URL (https or ssh form). */
function githubRepo(url: string | undefined): string | undefined {
  return url ? /github\.com[/:]([^/]+\/[^/]+?)(?:\.git)?\/?$/.exec(url)?.[1] : undefined;
}

export function readCmsBackend(env: Env): CmsBackendSettings {
  return {
    // Set by the hosts' builds: GITHUB_REPOSITORY by GitHub Actions, REPOSITORY_URL by Netlify.
    repo:
      setting(env, 'CMS_GITHUB_REPO') ??
      setting(env, 'GITHUB_REPOSITORY') ??
      githubRepo(setting(env, 'REPOSITORY_URL')) ??
      'OWNER/REPOSITORY',
    branch: setting(env, 'CMS_GITHUB_BRANCH') ?? 'main',
    authUrl: setting(env, 'CMS_AUTH_URL')?.replace(/\/+$/, ''),
  };
}

/** The port decap-server listens on: DECAP_SERVER_PORT, default 8081. */
export const localBackendPort = (env: Env) => Number(setting(env, 'DECAP_SERVER_PORT') ?? LOCAL_BACKEND_PORT);

/** The local backend's API URL, as decap-server serves it on loopback. */
export function localBackendUrl(env: Env): string {
  return `http://127.0.0.1:${localBackendPort(env)}/api/v1`;
}

/** GIT_REPO_DIRECTORY: the working tree decap-server writes into, when set. */
export const gitRepoDirectory = (env: Env) => setting(env, 'GIT_REPO_DIRECTORY');

/**
 * The working tree Decap's paths are relative to: `configured` (GIT_REPO_DIRECTORY, which
 * decap-server reads too), else the project, or, for a CONTENT_DIR outside the project, the folder that holds it.
 */
export function repoRoot(configured: string | undefined, projectRoot: string, contentDir: string): string {
  const project = path.resolve(projectRoot);
  if (configured) return path.resolve(project, configured);
  const content = path.resolve(project, contentDir);
  return content.startsWith(`${project}${path.sep}`) ? project : path.dirname(content);
}
