/**
 * The share card's layout as a satori element tree (plain objects, no JSX).
 * Pure: the same text always gives the same tree, so the tree itself is the
 * cache key of the drawn image (see cache.ts).
 */

export const CARD_WIDTH = 1200;
export const CARD_HEIGHT = 630;

/** What a card shows. Everything is plain text; nothing is fetched. */
export interface CardText {
  /** The article's headline, or the site's name on the site card. */
  headline: string;
  /** Small capitals above the headline: section, first tag or "Topic". */
  kicker?: string;
  /** The standfirst, shown when the headline leaves room for it. */
  dek?: string;
  /** "By Ahmed Adel". */
  byline?: string;
  /** A formatted date such as "8 August 2022". */
  date?: string;
  siteName: string;
  /** The host shown in the corner, e.g. "news.example.com". */
  siteHost: string;
}

/** A satori node: the same shape React elements have. */
export interface CardNode {
  type: string;
  props: { style?: Record<string, string | number>; children?: CardNode | string | (CardNode | string)[] };
}

const colours = {
  paper: '#fdfcf8',
  ink: '#1b1b1b',
  muted: '#57534c',
  rule: '#d8d2c6',
  accent: '#a1172b',
};

/** Unicode subsets Fontsource ships for both Noto families: the scripts a share card can show. */
export const fontSubsets = [
  'latin',
  'latin-ext',
  'cyrillic',
  'cyrillic-ext',
  'greek',
  'greek-ext',
  'vietnamese',
] as const;

/** The font name of one subset file; satori keeps one font per name and weight, so each subset gets its own. */
export function subsetFontName(family: string, subset: string): string {
  return subset === 'latin' ? family : `${family} ${subset}`;
}

/** A font-family list that tries every subset of a family in turn. */
const stack = (family: string) => fontSubsets.map((subset) => subsetFontName(family, subset)).join(', ');

export const serifFamily = 'Noto Serif';
export const sansFamily = 'Noto Sans';
const serif = stack(serifFamily);
const sans = stack(sansFamily);

/** Approximate character width of Noto Serif Bold, as a fraction of the font size (Latin text). */
const serifCharWidth = 0.54;
const headlineWidth = CARD_WIDTH - 2 * 72;

/**
 * How many Latin letters wide a character is drawn: ideographs, kana and Hangul are square
 * (about two), the letters of Armenian, Georgian, Ethiopic and the Brahmic scripts about 1.3.
 */
const wideRanges: readonly (readonly [number, number, number])[] = [
  // CJK ideographs, kana and radicals; Hangul syllables; compatibility ideographs; full-width forms.
  [0x2e80, 0x9fff, 1.85],
  [0xac00, 0xd7af, 1.85],
  [0xf900, 0xfaff, 1.85],
  [0xff00, 0xffef, 1.85],
  // Armenian; Devanagari to Lao; Myanmar, Georgian, Hangul Jamo, Ethiopic, Cherokee; Georgian Mtavruli.
  [0x0530, 0x058f, 1.3],
  [0x0900, 0x0e7f, 1.3],
  [0x1000, 0x139f, 1.3],
  [0x1c90, 0x1cbf, 1.3],
];

function charWidth(char: string): number {
  const point = char.codePointAt(0) ?? 0;
  return wideRanges.find(([from, to]) => point >= from && point <= to)?.[2] ?? 1;
}

/** A word's width in Latin letters (a Latin word's width is its length, as before). */
const wordLength = (word: string) => [...word].reduce((sum, char) => sum + charWidth(char), 0);

/** Lines a headline takes at a font size, estimated from its length (for choosing the size only). */
export function estimatedLines(text: string, fontSize: number, width = headlineWidth): number {
  const perLine = Math.max(1, Math.floor(width / (fontSize * serifCharWidth)));
  const words = text.split(/\s+/).filter(Boolean);
  let lines = 1;
  let used = 0;
  for (const word of words) {
    const length = Math.ceil(wordLength(word));
    if (used === 0) used = length;
    else if (used + 1 + length <= perLine) used += 1 + length;
    else {
      lines += 1 + Math.floor(length / perLine);
      used = length % perLine;
    }
  }
  return lines;
}

/**
 * The headline's font size (px): large while it fits on two lines (leaving room for the dek),
 * then smaller sizes that fit three lines; the longest headlines get 44px and at most four lines.
 */
export function headlineSize(headline: string): number {
  for (const size of [84, 76, 68]) if (estimatedLines(headline, size) <= 2) return size;
  for (const size of [68, 60, 54, 48]) if (estimatedLines(headline, size) <= 3) return size;
  return 44;
}

/** Whether the dek is shown: only under a headline of at most two lines. */
export function showsDek(headline: string, dek: string | undefined): dek is string {
  if (!dek) return false;
  return estimatedLines(headline, headlineSize(headline)) <= 2;
}

/**
 * A part of a line that has right-to-left text, wrapped in a Unicode isolate, so that a byline in
 * Arabic does not pull the date beside it into its own direction ("By أحمد · 8 August").
 * Text without right-to-left letters is left as it is.
 */
function isolated(part: string): string {
  return /[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufeff]/.test(part) ? `\u2068${part}\u2069` : part;
}

const node = (
  type: string,
  style: Record<string, string | number>,
  children?: CardNode['props']['children'],
): CardNode => ({ type, props: children === undefined ? { style } : { style, children } });

/** The card's middle: kicker, headline and dek, as far as each is shown. */
function cardBody(card: CardText): CardNode[] {
  const size = headlineSize(card.headline);
  const body: CardNode[] = [];
  if (card.kicker) {
    body.push(
      node(
        'div',
        {
          fontFamily: sans,
          fontWeight: 700,
          fontSize: 26,
          letterSpacing: 3,
          textTransform: 'uppercase',
          color: colours.accent,
          marginBottom: 20,
        },
        card.kicker,
      ),
    );
  }
  body.push(
    node(
      'div',
      {
        fontFamily: serif,
        fontWeight: 700,
        fontSize: size,
        lineHeight: 1.12,
        letterSpacing: -0.5,
        color: colours.ink,
        lineClamp: 4,
        display: 'block',
        // Korean breaks lines between words, not between syllables.
        ...(/[\uac00-\ud7af]/.test(card.headline) ? { wordBreak: 'keep-all' } : {}),
      },
      card.headline,
    ),
  );
  if (showsDek(card.headline, card.dek)) {
    body.push(
      node(
        'div',
        {
          fontFamily: sans,
          fontSize: 30,
          lineHeight: 1.35,
          color: colours.muted,
          marginTop: 24,
          lineClamp: 2,
          display: 'block',
        },
        card.dek,
      ),
    );
  }
  return body;
}

/** The card's frame: the accent bar, the side and bottom margins, the masthead's and the byline's lines (px). */
const frame = {
  bar: 14,
  top: 40,
  side: 72,
  bottom: 44,
  rowGap: 18,
  mastheadLine: 52,
  bylineLine: 36,
  inkRule: 3,
  rule: 1,
};
const mastheadHeight = frame.bar + frame.top + frame.mastheadLine + frame.rowGap + frame.inkRule;
const bylineHeight = frame.rule + frame.rowGap + frame.bylineLine + frame.bottom;

/** A rule or bar: a filled box, which satori draws as one rectangle (a CSS border costs a clip path and a mask). */
const filled = (height: number, colour: string, inset = 0): CardNode =>
  node('div', { height, flexShrink: 0, marginLeft: inset, marginRight: inset, backgroundColor: colour });

/** An opaque band across the card at its top or bottom edge, painted over the centred middle. */
const band = (
  edge: 'top' | 'bottom',
  height: number,
  children: CardNode[],
  style: Record<string, string | number> = {},
): CardNode =>
  node(
    'div',
    {
      position: 'absolute',
      [edge]: 0,
      left: 0,
      width: CARD_WIDTH,
      height,
      display: 'flex',
      flexDirection: 'column',
      boxSizing: 'border-box',
      backgroundColor: colours.paper,
      ...style,
    },
    children,
  );

/** The masthead: accent bar, site name and host, and the ink rule. */
function masthead(card: CardText): CardNode {
  return band('top', mastheadHeight, [
    filled(frame.bar, colours.accent),
    node(
      'div',
      {
        display: 'flex',
        justifyContent: 'space-between',
        alignItems: 'baseline',
        height: frame.mastheadLine,
        margin: `${frame.top}px ${frame.side}px ${frame.rowGap}px`,
      },
      [
        node(
          'div',
          {
            fontFamily: serif,
            fontWeight: 700,
            fontSize: 40,
            lineHeight: frame.mastheadLine / 40,
            color: colours.ink,
          },
          card.siteName,
        ),
        node('div', { fontFamily: sans, fontSize: 24, color: colours.muted }, card.siteHost),
      ],
    ),
    filled(frame.inkRule, colours.ink, frame.side),
  ]);
}

/** The byline and date above the bottom margin (one line; a longer one ends in an ellipsis). */
function bylineBand(meta: string): CardNode {
  return band(
    'bottom',
    bylineHeight,
    [
      filled(frame.rule, colours.rule),
      node(
        'div',
        {
          display: 'block',
          lineClamp: 1,
          marginTop: frame.rowGap,
          fontFamily: sans,
          fontSize: 26,
          lineHeight: frame.bylineLine / 26,
          color: colours.muted,
        },
        meta,
      ),
    ],
    { padding: `0 ${frame.side}px ${frame.bottom}px` },
  );
}

/**
 * The article card. The kicker, headline and dek are centred between the masthead and the byline,
 * which are drawn after them on opaque bands: a headline that runs long is hidden under them, as
 * `overflow: hidden` would hide it, but without the clip path that made rasterising a card about
 * seven times slower (sharp/librsvg draws every glyph of a clipped group off screen first).
 */
export function cardTree(card: CardText): CardNode {
  const meta = [card.byline, card.date]
    .filter((part): part is string => Boolean(part))
    .map(isolated)
    .join('  ·  ');
  return node('div', { width: CARD_WIDTH, height: CARD_HEIGHT, display: 'flex', backgroundColor: colours.paper }, [
    node(
      'div',
      {
        display: 'flex',
        flexDirection: 'column',
        justifyContent: 'center',
        width: CARD_WIDTH,
        height: CARD_HEIGHT,
        boxSizing: 'border-box',
        // A word wider than the column (a URL, a 60-letter compound) breaks instead of running off the card.
        overflowWrap: 'break-word',
        padding: `${mastheadHeight}px ${frame.side}px ${meta ? bylineHeight : frame.bottom}px`,
      },
      cardBody(card),
    ),
    masthead(card),
    ...(meta ? [bylineBand(meta)] : []),
  ]);
}

export const LOGO_SIZE = 600;

/** The publication's initial: the first letter of its name, skipping a leading "The". */
export function monogram(siteName: string): string {
  const words = siteName.trim().split(/\s+/);
  const word = words.length > 1 && /^the$/i.test(words[0] ?? '') ? words[1] : words[0];
  return [...(word ?? '?')][0]?.toLocaleUpperCase() ?? '?';
}

/** The square publisher logo (structured data): the monogram on the accent colour. */
export function logoTree(siteName: string): CardNode {
  return node(
    'div',
    {
      width: LOGO_SIZE,
      height: LOGO_SIZE,
      display: 'flex',
      alignItems: 'center',
      justifyContent: 'center',
      backgroundColor: colours.accent,
      color: '#ffffff',
      fontFamily: serif,
      fontWeight: 700,
      fontSize: 420,
      lineHeight: 1,
    },
    monogram(siteName),
  );
}

/** Every string a tree shows (to choose the fonts it needs). */
export function treeText(tree: CardNode | string): string {
  if (typeof tree === 'string') return tree;
  const children = tree.props.children;
  if (children === undefined) return '';
  return (Array.isArray(children) ? children : [children]).map(treeText).join(' ');
}
