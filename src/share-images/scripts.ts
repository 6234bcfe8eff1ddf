/**
 * The writing systems a share card can draw beyond the Latin, Cyrillic, Greek and Vietnamese
 * of Noto Serif and Noto Sans, each with its Noto font from an `@fontsource/*` package and the
 * renderer that draws it right:
 * - `satori` for scripts whose letters need no shaping and run left to right (Chinese, Japanese,
 *   Korean, Ethiopic, Georgian, Armenian): satori draws them as it draws Latin;
 * - `pango` for scripts satori cannot draw correctly: it neither joins Arabic letters nor
 *   reorders and stacks the marks of Brahmic scripts (Devanagari, Bengali, Burmese, Thai), nor
 *   lays text out right to left (Arabic, Hebrew). Their text is drawn by Pango (HarfBuzz
 *   shaping, bidirectional layout) through sharp's text input and placed in the card as an image.
 * A font is loaded only when a card's text uses its script, so Latin cards load what they did.
 */

export type Renderer = 'satori' | 'pango';

export interface ScriptFont {
  /** The script, as the tests and docs name it. */
  script: string;
  /** The font family name inside the font files. */
  family: string;
  /** The Fontsource package in node_modules. */
  pkg: string;
  renderer: Renderer;
  /** Laid out right to left. */
  rtl?: boolean;
  /** Code points that pick this font (its script's Unicode blocks). */
  ranges: [number, number][];
  /** For Han characters shared by several fonts: chosen only when the text also has one of these (kana picks Japanese). */
  requires?: [number, number][];
}

const HAN: [number, number][] = [
  [0x2e80, 0x2fdf], // radicals
  [0x3000, 0x303f], // CJK punctuation
  [0x3400, 0x4dbf],
  [0x4e00, 0x9fff],
  [0xf900, 0xfaff],
  [0xff00, 0xffef], // full-width forms
];
const KANA: [number, number][] = [
  [0x3040, 0x30ff],
  [0x31f0, 0x31ff],
];
const HANGUL: [number, number][] = [
  [0x1100, 0x11ff],
  [0x3130, 0x318f],
  [0xac00, 0xd7af],
];

/** In order of preference: the first font whose ranges cover a character draws it. */
export const scriptFonts: ScriptFont[] = [
  {
    script: 'Arabic',
    family: 'Noto Sans Arabic',
    pkg: '@fontsource/noto-sans-arabic',
    renderer: 'pango',
    rtl: true,
    ranges: [
      [0x0600, 0x06ff],
      [0x0750, 0x077f],
      [0x08a0, 0x08ff],
      [0xfb50, 0xfdff],
      [0xfe70, 0xfeff],
    ],
  },
  {
    script: 'Hebrew',
    family: 'Noto Sans Hebrew',
    pkg: '@fontsource/noto-sans-hebrew',
    renderer: 'pango',
    rtl: true,
    ranges: [
      [0x0590, 0x05ff],
      [0xfb1d, 0xfb4f],
    ],
  },
  {
    script: 'Devanagari',
    family: 'Noto Sans Devanagari',
    pkg: '@fontsource/noto-sans-devanagari',
    renderer: 'pango',
    ranges: [
      [0x0900, 0x097f],
      [0xa8e0, 0xa8ff],
    ],
  },
  {
    script: 'Bengali',
    family: 'Noto Sans Bengali',
    pkg: '@fontsource/noto-sans-bengali',
    renderer: 'pango',
    ranges: [[0x0980, 0x09ff]],
  },
  {
    script: 'Burmese',
    family: 'Noto Sans Myanmar',
    pkg: '@fontsource/noto-sans-myanmar',
    renderer: 'pango',
    ranges: [
      [0x1000, 0x109f],
      [0xa9e0, 0xa9ff],
      [0xaa60, 0xaa7f],
    ],
  },
  {
    script: 'Thai',
    family: 'Noto Sans Thai',
    pkg: '@fontsource/noto-sans-thai',
    renderer: 'pango',
    ranges: [[0x0e00, 0x0e7f]],
  },
  {
    script: 'Ethiopic',
    family: 'Noto Sans Ethiopic',
    pkg: '@fontsource/noto-sans-ethiopic',
    renderer: 'satori',
    ranges: [
      [0x1200, 0x139f],
      [0x2d80, 0x2ddf],
      [0xab00, 0xab2f],
    ],
  },
  {
    script: 'Georgian',
    family: 'Noto Sans Georgian',
    pkg: '@fontsource/noto-sans-georgian',
    renderer: 'satori',
    ranges: [
      [0x10a0, 0x10ff],
      [0x1c90, 0x1cbf],
      [0x2d00, 0x2d2f],
    ],
  },
  {
    script: 'Armenian',
    family: 'Noto Sans Armenian',
    pkg: '@fontsource/noto-sans-armenian',
    renderer: 'satori',
    ranges: [
      [0x0530, 0x058f],
      [0xfb13, 0xfb17],
    ],
  },
  {
    script: 'Korean',
    family: 'Noto Sans KR',
    pkg: '@fontsource/noto-sans-kr',
    renderer: 'satori',
    ranges: [...HANGUL, ...HAN],
    requires: HANGUL,
  },
  {
    script: 'Japanese',
    family: 'Noto Sans JP',
    pkg: '@fontsource/noto-sans-jp',
    renderer: 'satori',
    ranges: [...KANA, ...HAN],
    requires: KANA,
  },
  { script: 'Chinese', family: 'Noto Sans SC', pkg: '@fontsource/noto-sans-sc', renderer: 'satori', ranges: HAN },
];

const inRanges = (ranges: readonly [number, number][], codePoint: number) =>
  ranges.some(([start, end]) => codePoint >= start && codePoint <= end);

const codePoints = (text: string) => [...new Set([...text].map((char) => char.codePointAt(0) ?? 0))];

/** The script fonts a text needs, in the order of `scriptFonts`. */
export function scriptFontsFor(text: string): ScriptFont[] {
  const points = codePoints(text);
  const eligible = scriptFonts.filter(
    (font) => !font.requires || points.some((point) => inRanges(font.requires!, point)),
  );
  const used = new Set<ScriptFont>();
  for (const point of points) {
    const font = eligible.find((candidate) => inRanges(candidate.ranges, point));
    if (font) used.add(font);
  }
  return scriptFonts.filter((font) => used.has(font));
}

/** Whether satori can draw this text itself; otherwise Pango draws it (see the comment above). */
export function needsPango(text: string): boolean {
  return scriptFontsFor(text).some((font) => font.renderer === 'pango');
}

/** Whether the text's first strong character is right-to-left (its paragraph direction, as Pango decides it). */
export function isRightToLeft(text: string): boolean {
  for (const char of text) {
    const point = char.codePointAt(0) ?? 0;
    if (scriptFonts.some((font) => font.rtl && inRanges(font.ranges, point))) return true;
    if (/\p{L}/u.test(char)) return false;
  }
  return false;
}
