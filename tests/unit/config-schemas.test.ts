import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildEnvSchema, readBuildSettings } from '../../src/build-settings.ts';
import { checkSiteConfig, siteConfigSchema } from '../../src/site-config-schema.ts';
import { siteConfig } from '../../src/site.config.ts';
import { projectRoot } from '../support/project.ts';

describe('the site settings schema', () => {
  it('accepts the shipped src/site.config.ts', () => {
    expect(checkSiteConfig(siteConfig)).toBe(siteConfig);
  });

  it('names every bad field in one message', () => {
    const bad = {
      ...siteConfig,
      title: ' ',
      timeZone: 'Mars/Olympus',
      articlesPerPage: 2.5,
      ogLocale: 'english',
      lang: 'not a language',
      colour: 'red',
    };
    const check = () => checkSiteConfig(bad as typeof siteConfig);
    expect(check).toThrow(/src\/site\.config\.ts/);
    for (const message of [
      'title must not be empty',
      'timeZone must be an IANA time zone',
      'articlesPerPage must be a whole number',
      'ogLocale must be language_TERRITORY',
      'lang must be a BCP 47 language tag',
      'unknown setting colour',
    ])
      expect(check).toThrow(message);
  });

  it('has a field for every field of the SiteConfig type, and the reverse', async () => {
    const source = await readFile(path.join(projectRoot, 'src', 'site.config.ts'), 'utf8');
    const typeBody = /export interface SiteConfig \{([\s\S]*?)\n\}/.exec(source)![1]!;
    const typeFields = [...typeBody.matchAll(/^\s+(\w+)\??:/gm)].map((match) => match[1]);
    expect(Object.keys(siteConfigSchema.shape).sort()).toEqual(typeFields.sort());
  });
});

describe("the README's table of build variables", () => {
  it('lists exactly the variables the schema reads, with the defaults it applies', async () => {
    const readme = await readFile(path.join(projectRoot, 'README.md'), 'utf8');
    const section = readme.slice(
      readme.indexOf('## Configuration'),
      readme.indexOf('The comment service has its own settings'),
    );
    const rows = [...section.matchAll(/^\| `([A-Z_]+)` +\| ([^|]+?) +\|/gm)].map(
      ([, name, value]) => [name!, value!] as const,
    );
    expect(rows.map(([name]) => name).sort()).toEqual(Object.keys(buildEnvSchema.shape).sort());

    const defaults = readBuildSettings({});
    const documented = Object.fromEntries(rows);
    expect(documented.SITE_URL).toBe(`\`${defaults.siteUrl}\``);
    expect(documented.BASE_PATH).toBe(`\`${defaults.basePath}\``);
    expect(documented.CONTENT_DIR).toBe(`\`${defaults.contentDir}\``);
    expect(documented.OUT_DIR).toBe(`\`${defaults.outDir}\``);
    expect(documented.ASTRO_CACHE_DIR).toBe(`\`${defaults.cacheDir}\``);
    expect(documented.COMMENTS_PROVIDER).toBe(`\`${defaults.comments.provider}\``);
    expect(documented.COMMENTS_ENDPOINT).toBe(`\`${defaults.comments.endpoint}\``);
    expect(documented.COMMENTS_BUILD_OFFLINE_OK).toBe(defaults.comments.offlineOk ? 'on' : 'off');
    expect(documented.CF_PAGES).toBe(defaults.cloudflarePages ? 'on' : 'off');
  });

  it("names each variable's allowed values as the schema does", async () => {
    const readme = await readFile(path.join(projectRoot, 'README.md'), 'utf8');
    const row = readme.split('\n').find((line) => line.startsWith('| `COMMENTS_PROVIDER`'))!;
    const providers = buildEnvSchema.shape.COMMENTS_PROVIDER.unwrap().options;
    for (const provider of providers) expect(row).toContain(`\`${provider}\``);
  });
});
