/** Results of the build benchmark and Lighthouse, and the Markdown table they are reported in. Pure. */

export interface BuildResult {
  articles: number;
  site: 'full' | 'bare';
  cache: 'cold' | 'warm';
  ok: boolean;
  /** The build's last output lines when it failed. */
  error?: string;
  /** Wall-clock seconds. */
  seconds: number;
  /** User + system CPU seconds, when measured: steadier than wall time on a busy machine. */
  cpuSeconds?: number;
  pages: number;
  /** Peak resident set size of the build process, in MB (undefined when it could not be measured). */
  peakRssMb?: number;
  outputMb: number;
  files: number;
}

export interface LighthouseResult {
  page: string;
  scores: { performance: number; accessibility: number; bestPractices: number; seo: number };
  lcpMs: number;
  cls: number;
  tbtMs: number;
  transferKb: number;
  /** First paint gzip bytes (HTML + CSS + fonts + JS) as the budget tests count them. */
  firstPaintKb: number;
}

export interface BenchReport {
  date: string;
  machine: { cpus: number; memoryGb: number; node: string };
  builds: BuildResult[];
  lighthouse: LighthouseResult[];
}

export function pagesPerSecond(result: BuildResult): number {
  return result.seconds > 0 ? result.pages / result.seconds : 0;
}

/**
 * Full over bare build time for a size and cache state, by wall time or CPU time;
 * undefined if either build is missing, failed or was not measured that way.
 */
export function fullBareRatio(
  builds: readonly BuildResult[],
  articles: number,
  cache: 'cold' | 'warm',
  by: 'seconds' | 'cpuSeconds' = 'seconds',
): number | undefined {
  const find = (site: 'full' | 'bare') => builds.find((b) => b.articles === articles && b.site === site && b.cache === cache && b.ok);
  const full = find('full')?.[by];
  const bare = find('bare')?.[by];
  return full !== undefined && bare !== undefined && bare > 0 ? full / bare : undefined;
}

const fixed = (value: number | undefined, digits = 1) => (value === undefined ? '–' : value.toFixed(digits));

export function markdownReport(report: BenchReport): string {
  const lines = [
    `Benchmark of ${report.date} on ${report.machine.cpus} CPU cores, ${report.machine.memoryGb} GB RAM, Node ${report.machine.node}.`,
    '',
    '| articles | site | cache | wall (s) | CPU (s) | pages | pages/s | peak RSS (MB) | output (MB) | full/bare wall | full/bare CPU |',
    '| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
  ];
  const ratio = (b: BuildResult, by: 'seconds' | 'cpuSeconds') => {
    const value = b.site === 'full' ? fullBareRatio(report.builds, b.articles, b.cache, by) : undefined;
    return value === undefined ? '' : `${value.toFixed(2)}x`;
  };
  for (const b of report.builds) {
    lines.push(
      b.ok
        ? `| ${b.articles} | ${b.site} | ${b.cache} | ${fixed(b.seconds)} | ${fixed(b.cpuSeconds)} | ${b.pages} | ${fixed(pagesPerSecond(b))} | ${fixed(b.peakRssMb, 0)} | ${fixed(b.outputMb)} | ${ratio(b, 'seconds')} | ${ratio(b, 'cpuSeconds')} |`
        : `| ${b.articles} | ${b.site} | ${b.cache} | failed after ${fixed(b.seconds)} | ${fixed(b.cpuSeconds)} | | | ${fixed(b.peakRssMb, 0)} | | ${(b.error ?? '').replace(/\|/g, '/').replace(/\s+/g, ' ').slice(0, 120)} | |`,
    );
  }
  if (report.lighthouse.length > 0) {
    lines.push(
      '',
      'Lighthouse (mobile, simulated throttling):',
      '',
      '| page | Performance | Accessibility | Best Practices | SEO | LCP (ms) | CLS | TBT (ms) | transfer (KB) | first paint gzip (KB) |',
      '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    );
    for (const l of report.lighthouse) {
      const s = l.scores;
      lines.push(
        `| ${l.page} | ${s.performance} | ${s.accessibility} | ${s.bestPractices} | ${s.seo} | ${Math.round(l.lcpMs)} | ${l.cls.toFixed(3)} | ${Math.round(l.tbtMs)} | ${fixed(l.transferKb)} | ${fixed(l.firstPaintKb)} |`,
      );
    }
  }
  return `${lines.join('\n')}\n`;
}
