/**
 * The metric-matched fallbacks of the headline face (src/styles/fonts.css): for each common system serif,
 * an @font-face that draws it at the web font's average width, ascent, descent and line gap
 * (`size-adjust`, `*-override`, as Capsize computes them), so that nothing moves when Newsreader arrives.
 * The numbers come from the font files themselves. `npm run fonts:fallbacks` prints the CSS;
 * tests/unit/styles/font-fallbacks.test.ts checks that fonts.css holds exactly this.
 */
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { fromFile } from '@capsizecss/unpack/fs';

const root = fileURLToPath(new URL('../..', import.meta.url));

/** The web font: Newsreader Bold, Latin subset, as the site serves it. */
export const headlineFontFile = path.join(
  root,
  'node_modules/@fontsource/newsreader/files/newsreader-latin-700-normal.woff2',
);

/** The characters the headline face covers (Fontsource's "latin" subset); other scripts use the system's fonts. */
export const latinRange = [
  'U+0000-00FF, U+0131, U+0152-0153, U+02BB-02BC, U+02C6, U+02DA, U+02DC, U+0304, U+0308, U+0329',
  'U+2000-206F, U+20AC, U+2122, U+2191, U+2193, U+2212, U+2215, U+FEFF, U+FFFD',
].join(', ');

export interface Metrics {
  ascent: number;
  descent: number;
  lineGap: number;
  unitsPerEm: number;
  xWidthAvg: number;
}

export interface SystemSerif {
  /** The @font-face family name of the adjusted fallback. */
  family: string;
  /** `local()` names of the bold face: full name and PostScript name on each system that has it. */
  local: string[];
  /** A file with the same metrics, to measure, or the metrics themselves. */
  source: string | Metrics;
}

/**
 * Times New Roman (Windows, macOS) and Liberation Serif (most Linux systems; drawn to the same metrics),
 * Noto Serif (Android, many Linux systems), DejaVu Serif (the Linux default where neither is installed).
 */
export const systemSerifs: SystemSerif[] = [
  {
    family: 'Newsreader Fallback',
    local: ['Times New Roman Bold', 'TimesNewRomanPS-BoldMT', 'Liberation Serif Bold', 'LiberationSerif-Bold'],
    // Capsize's published metrics of Times New Roman Bold (Liberation Serif Bold has the same).
    source: { ascent: 1825, descent: -443, lineGap: 87, unitsPerEm: 2048, xWidthAvg: 886 },
  },
  {
    family: 'Newsreader Fallback Noto',
    local: ['Noto Serif Bold', 'NotoSerif-Bold'],
    source: path.join(root, 'node_modules/@fontsource/noto-serif/files/noto-serif-latin-700-normal.woff'),
  },
  {
    family: 'Newsreader Fallback DejaVu',
    local: ['DejaVu Serif Bold', 'DejaVuSerif-Bold'],
    // fonts-dejavu-core, which tools/provision.sh installs.
    source: '/usr/share/fonts/truetype/dejavu/DejaVuSerif-Bold.ttf',
  },
];

const percent = (value: number) => `${Number((value * 100).toFixed(2))}%`;

/** Capsize's createFontStack arithmetic: scale the fallback to the web font's average width, then set its vertical metrics. */
export function overrides(web: Metrics, fallback: Metrics): Record<string, string> {
  const sizeAdjust = web.xWidthAvg / web.unitsPerEm / (fallback.xWidthAvg / fallback.unitsPerEm);
  const em = web.unitsPerEm * sizeAdjust;
  return {
    'size-adjust': percent(sizeAdjust),
    'ascent-override': percent(web.ascent / em),
    'descent-override': percent(Math.abs(web.descent) / em),
    'line-gap-override': percent(web.lineGap / em),
  };
}

/** The fallback @font-face rules, as they stand in src/styles/fonts.css. */
export async function fallbackFaces(): Promise<string> {
  const web = await fromFile(headlineFontFile);
  const rules = [];
  for (const serif of systemSerifs) {
    const properties = {
      'font-family': `'${serif.family}'`,
      'font-style': 'normal',
      'font-weight': '700',
      src: serif.local.map((name) => `local('${name}')`).join(', '),
      ...overrides(web, typeof serif.source === 'string' ? await fromFile(serif.source) : serif.source),
      'unicode-range': latinRange,
    };
    rules.push(
      `@font-face {\n${Object.entries(properties)
        .map(([key, value]) => `  ${key}: ${value};`)
        .join('\n')}\n}`,
    );
  }
  return rules.join('\n');
}

if (process.argv[1] === fileURLToPath(import.meta.url)) console.log(await fallbackFaces());
