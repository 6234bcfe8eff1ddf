/**
 * Text satori cannot draw right (Arabic, Hebrew, Devanagari, Bengali, Burmese, Thai: see
 * scripts.ts) drawn by Pango instead, through sharp's text input: HarfBuzz shapes it and Pango
 * lays it out in its own direction (right to left for Arabic and Hebrew, each line aligned to
 * the right). Each such text in a card's tree becomes an image of the same size, colour and
 * weight, which satori then places where the text would have been.
 */
import sharp from 'sharp';
import type { CardNode } from './card.ts';
import { pangoFontFiles } from './fonts.ts';
import { isRightToLeft, needsPango, scriptFontsFor } from './scripts.ts';

/** Width of the card's text column: the card minus its side padding (card.ts). */
const TEXT_WIDTH = 1200 - 2 * 72;
/** Some scripts' fonts (Burmese, Arabic) have much taller lines than Latin: a text may take this much more height before it is made smaller. */
const TALL_SCRIPT_ALLOWANCE = 1.3;
/** Scripts with marks above and below (Burmese, Thai, Devanagari) need a little more than Latin's line height. */
const LINE_HEIGHT_ALLOWANCE = 1.15;

type Style = Record<string, string | number>;

const escapeMarkup = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');

const registered = new Set<string>();

/** Makes fontconfig know the files (sharp adds a `fontfile` to the process's font set the first time it sees it). */
async function registerFonts(files: readonly string[]): Promise<void> {
  for (const file of files) {
    if (registered.has(file)) continue;
    await sharp({ text: { text: '.', fontfile: file, dpi: 72 } })
      .raw()
      .toBuffer();
    registered.add(file);
  }
}

/** A Pango font description: the script families first, then the Latin family the card asked for. */
function fontDescription(text: string, style: Style, size: number): string {
  const latin = String(style.fontFamily ?? '').startsWith('Noto Serif') ? 'Noto Serif' : 'Noto Sans';
  const families = [...scriptFontsFor(text).map((font) => font.family), latin].join(',');
  return `${families} ${Number(style.fontWeight ?? 400) >= 700 ? 'Bold' : ''} ${size}`.replace(/\s+/g, ' ');
}

export interface DrawnText {
  png: Buffer;
  width: number;
  height: number;
}

/** Draws one text with Pango at the style's size, smaller while it is taller than its line limit allows. */
export async function drawPangoText(root: string, text: string, style: Style, width = TEXT_WIDTH): Promise<DrawnText> {
  await registerFonts(await pangoFontFiles(root, text));
  const shown = style.textTransform === 'uppercase' ? text.toLocaleUpperCase() : text;
  const fontSize = Number(style.fontSize ?? 16);
  const lineHeight = typeof style.lineHeight === 'number' ? style.lineHeight : 1.2;
  const maxLines = typeof style.lineClamp === 'number' ? style.lineClamp : undefined;
  const maxHeight = maxLines ? maxLines * fontSize * lineHeight * TALL_SCRIPT_ALLOWANCE : Infinity;
  let size = fontSize;
  for (;;) {
    const { data, info } = await sharp({
      text: {
        // line_height (in 1024ths of a point, a pixel at 72 dpi) as in the card's style: some scripts' fonts ask for far taller lines.
        text: spanMarkup(
          shown,
          String(style.color ?? '#000000'),
          Math.round(lineHeight * LINE_HEIGHT_ALLOWANCE * size * 1024),
        ),
        font: fontDescription(shown, style, size),
        width,
        dpi: 72,
        rgba: true,
        // Thai and Burmese may run long without a space: such a run breaks between letters rather than overflow.
        wrap: 'word-char',
      },
    })
      .png()
      .toBuffer({ resolveWithObject: true });
    if (info.height <= maxHeight || size <= fontSize * 0.6) {
      if (info.height <= maxHeight) return { png: data, width: info.width, height: info.height };
      // Still too tall at the smallest size: cut at the limit, as satori's line clamp would.
      const height = Math.floor(maxHeight);
      const png = await sharp(data).extract({ left: 0, top: 0, width: info.width, height }).png().toBuffer();
      return { png, width: info.width, height };
    }
    size = Math.round(size * 0.88);
  }
}

const typography = new Set([
  'fontFamily',
  'fontWeight',
  'fontSize',
  'lineHeight',
  'letterSpacing',
  'textTransform',
  'color',
  'lineClamp',
  'display',
]);

/**
 * The tree with every text that needs Pango replaced by its image (a node whose only child is
 * that text). The text of right-to-left scripts is pushed to the right edge of its line.
 */
export async function withPangoText(root: string, tree: CardNode): Promise<CardNode> {
  const { style = {}, children } = tree.props;
  if (typeof children === 'string') {
    if (!needsPango(children)) return tree;
    const drawn = await drawPangoText(root, children, style);
    const box: Style = Object.fromEntries(Object.entries(style).filter(([name]) => !typography.has(name)));
    const image: CardNode = {
      type: 'img',
      props: {
        src: `data:image/png;base64,${drawn.png.toString('base64')}`,
        width: drawn.width,
        height: drawn.height,
        style: { flexShrink: 0 },
      } as CardNode['props'],
    };
    return {
      type: tree.type,
      props: {
        style: { ...box, display: 'flex', justifyContent: isRightToLeft(children) ? 'flex-end' : 'flex-start' },
        children: image,
      },
    };
  }
  if (Array.isArray(children)) {
    const replaced = await Promise.all(
      children.map((child) => (typeof child === 'string' ? child : withPangoText(root, child))),
    );
    return { type: tree.type, props: { ...tree.props, children: replaced } };
  }
  if (children) return { type: tree.type, props: { ...tree.props, children: await withPangoText(root, children) } };
  return tree;
}

/** Pango markup for one run of text in one colour with the given line height (in 1024ths of a point). */
function spanMarkup(text: string, color: string, lineHeight: number): string {
  return `<span foreground="${color}" line_height="${lineHeight}">${escapeMarkup(text)}</span>`;
}
