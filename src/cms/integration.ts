/**
 * Puts the CMS admin at `<base>admin/`: the dev server answers its files from memory (with the
 * local backend switched on), and a build writes them into the output. Astro never renders
 * the admin page, so it gets no CSP <meta> and no site script; its own policy comes from
 * src/deploy/ (headerRules' folder policies).
 */
import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { AstroIntegration } from 'astro';
import { adminFiles, type AdminFile } from './admin-files.ts';
import { ADMIN_FOLDER } from './admin-folder.ts';
import type { CmsConfigOptions } from './config.ts';
import type { BuildSettings } from '../build-settings.ts';
import { knownTags } from './known-tags.ts';
import { repoRoot } from './settings.ts';

export interface CmsIntegrationSettings {
  basePath: string;
  siteUrl: string;
  contentDir: string;
  siteTitle: string;
  lang: string;
  timeZone: string;
  cms: BuildSettings['cms'];
}

const contentTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.yml': 'text/yaml; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
};

/** Where the tags of unchanged articles are kept between builds. */
const TAG_CACHE_FILE = 'cms-known-tags.json';

async function configOptions(
  settings: CmsIntegrationSettings,
  folders: { root: string; cacheDir: string },
  dev: boolean,
): Promise<CmsConfigOptions> {
  const { root, cacheDir } = folders;
  const contentDir = path.resolve(root, settings.contentDir);
  return {
    contentDir,
    repoRoot: repoRoot(settings.cms.gitRepoDirectory, root, contentDir),
    siteUrl: settings.siteUrl,
    basePath: settings.basePath,
    backend: settings.cms.backend,
    localBackendUrl: dev ? settings.cms.localBackendUrl : undefined,
    knownTags: await knownTags(path.join(contentDir, 'articles'), path.join(cacheDir, TAG_CACHE_FILE)),
    timeZone: settings.timeZone,
  };
}

async function fileBody(file: AdminFile): Promise<string | Buffer> {
  return 'text' in file ? file.text : readFile(file.copyFrom);
}

export function cmsAdmin(settings: CmsIntegrationSettings): AstroIntegration {
  const folders = { root: process.cwd(), cacheDir: path.join(process.cwd(), 'node_modules', '.astro') };
  const filesFor = async (dev: boolean) =>
    adminFiles({
      config: await configOptions(settings, folders, dev),
      siteTitle: settings.siteTitle,
      lang: settings.lang,
    });
  return {
    name: 'meridian:cms-admin',
    hooks: {
      'astro:config:setup': ({ command, config, updateConfig }) => {
        folders.root = fileURLToPath(config.root);
        folders.cacheDir = fileURLToPath(config.cacheDir);
        if (command !== 'dev') return;
        const prefix = `${settings.basePath}${ADMIN_FOLDER}/`;
        updateConfig({
          vite: {
            plugins: [
              {
                name: 'meridian:cms-admin-dev',
                configureServer(server) {
                  let files: Promise<Map<string, AdminFile>> | undefined;
                  server.middlewares.use(async (request, response, next) => {
                    // Under a base path Astro's own middleware strips it from `url` first; connect keeps the original.
                    const original = (request as { originalUrl?: string }).originalUrl ?? request.url ?? '/';
                    const url = new URL(original, 'http://localhost');
                    if (!url.pathname.startsWith(prefix)) return next();
                    const name = url.pathname.slice(prefix.length) || 'index.html';
                    try {
                      // Built on the first request; a schema change needs a restart of the dev server.
                      files ??= filesFor(true);
                      const file = (await files).get(name);
                      if (!file) return next();
                      response.writeHead(200, {
                        'content-type': contentTypes[path.extname(name)] ?? 'application/octet-stream',
                      });
                      response.end(await fileBody(file));
                    } catch (error) {
                      // Shown by Vite's error page; the next request tries again.
                      files = undefined;
                      next(error);
                    }
                  });
                },
              },
            ],
          },
        });
      },
      'astro:build:done': async ({ dir, logger }) => {
        const target = path.join(fileURLToPath(dir), ADMIN_FOLDER);
        await mkdir(target, { recursive: true });
        const files = await filesFor(false);
        for (const [name, file] of files) {
          if ('text' in file) await writeFile(path.join(target, name), file.text);
          else await copyFile(file.copyFrom, path.join(target, name));
        }
        logger.info(`wrote the CMS admin (${files.size} files) to ${ADMIN_FOLDER}/`);
      },
    },
  };
}
