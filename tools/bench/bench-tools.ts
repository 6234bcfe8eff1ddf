/**
 * Lighthouse and its Chrome launcher are the benchmark's alone (about 150 MB with Sentry,
 * OpenTelemetry and Puppeteer beneath them), so they are not in the project's dependencies: they
 * are pinned in tools/bench/package-lock.json and installed there by the first `npm run bench`
 * that runs Lighthouse. Their types are declared here as far as the benchmark reads them, so that
 * type checking works without them.
 */
import { execFile } from 'node:child_process';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';

const benchDir = path.dirname(fileURLToPath(import.meta.url));

interface Audit {
  id: string;
  title: string;
  score: number | null;
  scoreDisplayMode: string;
  displayValue?: string;
  numericValue?: number;
}

/** The parts of Lighthouse's report (`lhr`) the benchmark reads. */
export interface LighthouseReport {
  categories: Record<string, { score: number | null } | undefined>;
  audits: Record<string, Audit>;
  runtimeError?: { message: string };
}

type RunLighthouse = (
  url: string,
  flags: { port: number; output: 'json'; logLevel: 'error' },
) => Promise<{ lhr: LighthouseReport } | undefined>;
type LaunchChrome = (options: { chromePath: string; chromeFlags: string[] }) => Promise<{ port: number; kill(): void }>;

/** Installs the pinned tools on first use (npm's own client, from its cache when it can). */
async function ensureInstalled(): Promise<void> {
  if (existsSync(path.join(benchDir, 'node_modules', 'lighthouse', 'package.json'))) return;
  console.log('Installing Lighthouse for the benchmark (once, into tools/bench/node_modules)…');
  await promisify(execFile)('npm', ['ci', '--no-audit', '--no-fund', '--loglevel=error'], {
    cwd: benchDir,
    maxBuffer: 16 * 1024 * 1024,
  });
}

export async function loadLighthouse(): Promise<{ lighthouse: RunLighthouse; launch: LaunchChrome }> {
  await ensureInstalled();
  // Resolved from tools/bench/node_modules; the names are not literals so the type checker does not look for them.
  const [lighthouseModule, launcherModule] = (await Promise.all([
    import(String('lighthouse')),
    import(String('chrome-launcher')),
  ])) as [{ default: RunLighthouse }, { launch: LaunchChrome }];
  return { lighthouse: lighthouseModule.default, launch: launcherModule.launch };
}
