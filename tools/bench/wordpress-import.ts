/**
 * node --experimental-strip-types tools/bench/wordpress-import.ts [posts=10000]
 * Measures `npm run import:wordpress --fetch-media` on a large archive: a generated export
 * (wordpress-export.ts) whose posts use 50 distinct pictures, served by a mirror on loopback
 * (`--media-origin`), imported into an empty content folder and then once more (which must download
 * nothing and change nothing). Prints wall time, CPU time and peak RSS of each run, the import's own
 * report lines, and the load average (the machine may be shared: wall time is noisy, CPU time less).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { writeFixtureImage } from '../../tests/support/fixture-image.ts';
import { projectRoot } from '../../tests/support/project.ts';
import { startMediaServer } from '../../tests/support/wordpress-media-server.ts';
import { measure } from './measure.ts';

const posts = Number(process.argv[2] ?? '10000');
const work = await mkdtemp(path.join(os.tmpdir(), 'wordpress-import-bench-'));
const exportFile = path.join(work, 'export.xml');
const strip = '--experimental-strip-types';
const generated = spawnSync(process.execPath, [strip, 'tools/bench/wordpress-export.ts', exportFile, String(posts)], {
  cwd: projectRoot,
  stdio: 'inherit',
});
if (generated.status !== 0) throw new Error('the export generator failed');
// The originals of the pictures the posts name at 800x533 (the importer asks for the original first).
for (let n = 0; n < 50; n++) {
  await writeFixtureImage(
    path.join(work, 'mirror', '2015', '01', `photo-${n}.jpg`),
    1600,
    1066,
    `#${(n * 4).toString(16).padStart(2, '0')}4e89`,
  );
}
const mirror = await startMediaServer(path.join(work, 'mirror'));
const reportLines = /^ {2}(articles|comments|media|fetched|redirects|silent losses|files):.*$/gm;
try {
  for (const run of ['first run', 'second run']) {
    const load = os
      .loadavg()
      .map((n) => n.toFixed(1))
      .join(' ');
    const result = await measure(
      process.execPath,
      [
        strip,
        'src/cli/import-wordpress.ts',
        exportFile,
        '--fetch-media',
        '--media-origin',
        mirror.origin,
        '--media-dir',
        path.join(work, 'media'),
      ],
      projectRoot,
      { CONTENT_DIR: path.join(work, 'content') },
    );
    if (result.code !== 0) throw new Error(`the import failed:\n${result.output}`);
    console.log(
      `${run}: ${result.seconds.toFixed(1)} s wall, ${result.cpuSeconds?.toFixed(1) ?? '?'} s CPU, ` +
        `peak RSS ${result.peakRssMb?.toFixed(0) ?? '?'} MB (load average before: ${load}; after: ${os
          .loadavg()
          .map((n) => n.toFixed(1))
          .join(' ')})`,
    );
    console.log([...result.output.matchAll(reportLines)].map((match) => match[0]).join('\n'));
  }
} finally {
  await mirror.close();
  await rm(work, { recursive: true, force: true });
}
