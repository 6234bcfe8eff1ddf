import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { expect, inject, it } from 'vitest';
import { nginxBinary, nginxMainConfig } from '../../support/nginx.ts';
import { run } from '../../support/project.ts';
import { testRoot } from '../../support/site-build.ts';

const cli = ['--experimental-strip-types', 'src/cli/nginx-conf.ts'];

it.each([
  { base: '/', dir: inject('siteDir') },
  { base: '/news/', dir: inject('newsSiteDir') },
])('npm run nginx-conf prints a server block for the $base build that nginx accepts', async ({ base, dir }) => {
  const result = await run(process.execPath, [
    ...cli,
    dir,
    '--root',
    '/var/www/meridian',
    '--server-name',
    'news.example.com',
  ]);
  expect(result.code, result.output).toBe(0);
  expect(result.stdout).toContain(`location ${base} {`);
  expect(result.stdout).toContain(base === '/' ? 'root /var/www/meridian;' : 'alias /var/www/meridian/;');
  expect(result.stdout).toContain(`error_page 404 ${base}404.html;`);

  const prefix = await mkdtemp(path.join(testRoot, 'nginx-t-'));
  try {
    await writeFile(path.join(prefix, 'nginx.conf'), nginxMainConfig(result.stdout, prefix));
    const check = await run(nginxBinary(), ['-t', '-q', '-p', prefix, '-c', path.join(prefix, 'nginx.conf')]);
    expect(check.code, check.output).toBe(0);
  } finally {
    await rm(prefix, { recursive: true, force: true });
  }
});

it('says what to do when the build is missing', async () => {
  const result = await run(process.execPath, [...cli, path.join(testRoot, 'no-such-build')]);
  expect(result.code).toBe(1);
  expect(result.stderr).toMatch(/_headers not found: run "npm run build" first/);
});
