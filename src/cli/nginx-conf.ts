/**
 * npm run nginx-conf -- [dist] [--root /var/www/meridian] [--listen 80] [--server-name news.example.com] [--brotli]
 * Prints an nginx server block that serves the build with the headers of its _headers file.
 */
import { parseArgs } from 'node:util';
import { nginxConf } from '../deploy/nginx-for-build.ts';
import { buildSettings } from '../build-settings.ts';

try {
  const { values, positionals } = parseArgs({
    allowPositionals: true,
    options: {
      root: { type: 'string' },
      listen: { type: 'string' },
      'server-name': { type: 'string' },
      brotli: { type: 'boolean' },
    },
  });
  process.stdout.write(
    await nginxConf({
      dist: positionals[0] ?? buildSettings.outDir,
      root: values.root,
      listen: values.listen,
      serverName: values['server-name'],
      brotli: values.brotli,
    }),
  );
} catch (error) {
  console.error(`nginx-conf: ${error instanceof Error ? error.message : String(error)}`);
  process.exit(1);
}
