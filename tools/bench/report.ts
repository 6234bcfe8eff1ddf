/** Results of the build benchmark, the dev server's timings and Lighthouse, and the Markdown tables they are reported in. Pure. */

/**
 * What a build starts from: `cold` a fresh cache folder; `warm` the previous build's cache and no
 * change; `add one` and `edit one` that cache after one new article, or one changed paragraph.
 */
export type Scenario = 'cold' | 'warm' | 'add one' | 'edit one';

/** A build over another: wall and CPU time divided. */
export interface Ratios {
  wall?: number;
  cpu?: number;
}

export interface BuildResult {
  articles: number;
  site: 'full' | 'bare';
  scenario: Scenario;
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
  /** This build over the cold build of the same site and size. */
  toCold?: Ratios;
  /** This full build over the bare site's (see bareReference). */
  toBare?: Ratios;
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

/**
 * One start of `astro dev` on a synthetic archive (tools/bench/dev-server.ts): `cold` with a fresh
 * project copy and cache, `warm` started again on what the cold start left. Seconds are wall time.
 */
export interface DevResult {
  articles: number;
  /** The checkout whose `astro dev` ran: its short commit, with `+changes` when its tree differs from it. */
  project: string;
  start: 'cold' | 'warm';
  ok: boolean;
  /** What failed, with the server's last output lines. */
  error?: string;
  /** From spawning the server to Astro's "ready in" line. */
  readySeconds?: number;
  /** From spawning the server to the front page's first 200 answer. */
  frontPageSeconds?: number;
  /** The first request of one article page, until a 200 with its headline (dev compiles on demand). */
  articleSeconds?: number;
  /** After a sentence is appended to that article's file, until its page shows the sentence (cold start only). */
  editSeconds?: number;
  /** After a new article's file is written, until its page is served (cold start only). */
  addSeconds?: number;
  /** Peak RSS of the server's process tree over this start, in MB (polled from /proc). */
  peakRssMb?: number;
  /** Something that makes the figures other than they seem: a warm start whose content store was cleared. */
  note?: string;
}

export interface BenchReport {
  date: string;
  machine: { cpus: number; memoryGb: number; node: string };
  builds: BuildResult[];
  /** `--dev`: the dev server's timings. */
  dev?: DevResult[];
  lighthouse: LighthouseResult[];
}

export function pagesPerSecond(result: BuildResult): number {
  return result.seconds > 0 ? result.pages / result.seconds : 0;
}

/**
 * The bare build a full build is compared with: the same scenario for cold and warm; for adding
 * or editing an article, the bare site's warm build, since without a page cache a bare site
 * publishes by building everything again.
 */
export function bareReference(scenario: Scenario): Scenario {
  return scenario === 'cold' || scenario === 'warm' ? scenario : 'warm';
}

function find(
  builds: readonly BuildResult[],
  articles: number,
  site: 'full' | 'bare',
  scenario: Scenario,
): BuildResult | undefined {
  return builds.find((b) => b.articles === articles && b.site === site && b.scenario === scenario && b.ok);
}

function divide(top: BuildResult | undefined, bottom: BuildResult | undefined): Ratios | undefined {
  if (!top || !bottom) return undefined;
  const over = (a: number | undefined, b: number | undefined) =>
    a !== undefined && b !== undefined && b > 0 ? a / b : undefined;
  const ratios: Ratios = {};
  const wall = over(top.seconds, bottom.seconds);
  const cpu = over(top.cpuSeconds, bottom.cpuSeconds);
  if (wall !== undefined) ratios.wall = wall;
  if (cpu !== undefined) ratios.cpu = cpu;
  return ratios;
}

/** Each build with its ratios to the cold build of its site and size and, for the full site, to the bare build (failed or missing builds give none). */
export function withRatios(builds: readonly BuildResult[]): BuildResult[] {
  return builds.map((b) => {
    const { toCold: _cold, toBare: _bare, ...result } = b;
    if (!b.ok) return result;
    const toCold = b.scenario === 'cold' ? undefined : divide(b, find(builds, b.articles, b.site, 'cold'));
    const toBare =
      b.site === 'full' ? divide(b, find(builds, b.articles, 'bare', bareReference(b.scenario))) : undefined;
    return { ...result, ...(toCold ? { toCold } : {}), ...(toBare ? { toBare } : {}) };
  });
}

/** A figure per 1,000 articles of the archive, so that larger archives can be estimated from the slope. */
const perThousand = (b: BuildResult, value: number | undefined) =>
  value === undefined ? undefined : (value * 1000) / b.articles;

const fixed = (value: number | undefined, digits = 1) => (value === undefined ? '–' : value.toFixed(digits));

/** Text made fit for one table cell: no pipes or line breaks, at most `max` characters. */
const cellText = (text: string, max: number) => text.replace(/\|/g, '/').replace(/\s+/g, ' ').slice(0, max);

/** The dev server's table: one row per start. */
export function devServerTable(results: readonly DevResult[]): string[] {
  return [
    '`astro dev` (seconds; edit and add one on the cold start only):',
    '',
    '| articles | project | start | ready (s) | front page (s) | first article (s) | edit shown (s) | new article shown (s) | peak RSS (MB) | note |',
    '| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | --- |',
    ...results.map((d) =>
      tableRow([
        d.articles,
        d.project,
        d.start,
        fixed(d.readySeconds),
        fixed(d.frontPageSeconds),
        fixed(d.articleSeconds),
        fixed(d.editSeconds),
        fixed(d.addSeconds),
        fixed(d.peakRssMb, 0),
        d.ok ? (d.note ?? '') : cellText(`failed: ${d.error ?? '?'}`, 160),
      ]),
    ),
  ];
}

const ratio = (value: number | undefined) => (value === undefined ? '' : `${value.toFixed(2)}x`);

function buildRow(b: BuildResult): string {
  if (!b.ok) {
    const error = cellText(b.error ?? '', 120);
    const cells = [b.articles, b.site, b.scenario, `failed after ${fixed(b.seconds)}`, fixed(b.cpuSeconds)];
    return tableRow([...cells, '', '', fixed(b.peakRssMb, 0), '', error, '', '', '', '', '']);
  }
  return tableRow([
    b.articles,
    b.site,
    b.scenario,
    fixed(b.seconds),
    fixed(b.cpuSeconds),
    b.pages,
    fixed(pagesPerSecond(b)),
    fixed(b.peakRssMb, 0),
    fixed(b.outputMb),
    ratio(b.toCold?.wall),
    ratio(b.toCold?.cpu),
    ratio(b.toBare?.wall),
    ratio(b.toBare?.cpu),
    fixed(perThousand(b, b.seconds)),
    fixed(perThousand(b, b.peakRssMb), 0),
  ]);
}

/** The builds' table: one row per build, with its ratios. */
function buildsTable(builds: readonly BuildResult[]): string[] {
  return [
    '| articles | site | build | wall (s) | CPU (s) | pages | pages/s | peak RSS (MB) | output (MB) | /cold wall | /cold CPU | /bare wall | /bare CPU' +
      ' | wall s per 1,000 | RSS MB per 1,000 |',
    '| ---: | --- | --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...withRatios(builds).map(buildRow),
    '',
    'Full-site add one and edit one are compared with the bare warm build: without a page cache, a bare site publishes by building everything again.',
  ];
}

function lighthouseTable(results: readonly LighthouseResult[]): string[] {
  return [
    'Lighthouse (mobile, simulated throttling):',
    '',
    '| page | Performance | Accessibility | Best Practices | SEO | LCP (ms) | CLS | TBT (ms) | transfer (KB) | first paint gzip (KB) |',
    '| --- | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: | ---: |',
    ...results.map(({ page, scores: s, ...l }) =>
      tableRow([
        page,
        s.performance,
        s.accessibility,
        s.bestPractices,
        s.seo,
        Math.round(l.lcpMs),
        l.cls.toFixed(3),
        Math.round(l.tbtMs),
        fixed(l.transferKb),
        fixed(l.firstPaintKb),
      ]),
    ),
  ];
}

export function markdownReport(report: BenchReport): string {
  const lines = [
    `Benchmark of ${report.date} on ${report.machine.cpus} CPU cores, ${report.machine.memoryGb} GB RAM, Node ${report.machine.node}.`,
  ];
  if (report.builds.length > 0) lines.push('', ...buildsTable(report.builds));
  if (report.dev?.length) lines.push('', ...devServerTable(report.dev));
  if (report.lighthouse.length > 0) lines.push('', ...lighthouseTable(report.lighthouse));
  return `${lines.join('\n')}\n`;
}

/** One row of a Markdown table. */
function tableRow(cells: readonly (string | number)[]): string {
  return `| ${cells.join(' | ')} |`;
}
