/**
 * WordPress shortcodes (`[caption …]…[/caption]`, `[gallery ids="…"]`, `[embed]…[/embed]`) live
 * in the post text, outside HTML, so they are expanded into plain HTML before the HTML is parsed.
 * The patterns are WordPress's own (get_shortcode_regex, shortcode_parse_atts), for any name.
 */

export interface Attachment {
  url: string;
  alt: string;
  caption: string;
  /** The attachment's title (a file's name for readers). */
  title?: string;
}

export interface ShortcodeContext {
  /** An attachment by post id, for `[gallery ids="…"]`. */
  attachment(id: string): Attachment | undefined;
  /** The post's own attachments, for `[gallery]` without ids (WordPress shows every image attached to the post). */
  postAttachments?(): Attachment[];
}

export interface ExpandedShortcodes {
  html: string;
  /** Names of shortcodes this importer does not know; they stay in the text as written. */
  unknown: string[];
}

const shortcodePattern =
  /\[(\[?)([A-Za-z0-9_-]+)(?![\w-])([^\]/]*(?:\/(?!\])[^\]/]*)*?)(?:(\/)\]|\](?:([^[]*(?:\[(?!\/\2\])[^[]*)*)(\[\/\2\]))?)(\]?)/g;
const attributePattern =
  /([\w-]+)\s*=\s*"([^"]*)"(?:\s|$)|([\w-]+)\s*=\s*'([^']*)'(?:\s|$)|([\w-]+)\s*=\s*([^\s'"]+)(?:\s|$)|"([^"]*)"(?:\s|$)|'([^']*)'(?:\s|$)|(\S+)(?:\s|$)/g;

/** Attributes by name; positional ones by index ("0", "1", …), as WordPress does. */
export function shortcodeAttributes(text: string): Record<string, string> {
  const attributes: Record<string, string> = {};
  let position = 0;
  for (const match of text.replace(/[\u00a0\u200b]/g, ' ').matchAll(attributePattern)) {
    const [, n1, v1, n2, v2, n3, v3, p1, p2, p3] = match;
    const name = n1 ?? n2 ?? n3;
    if (name) attributes[name.toLowerCase()] = (v1 ?? v2 ?? v3)!;
    else attributes[String(position++)] = (p1 ?? p2 ?? p3)!;
  }
  return attributes;
}

const escapeHtml = (value: string) =>
  value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');

/**
 * Whether bracketed text is meant as a shortcode at all: editors write "[sic]" and
 * "[Updated]" in prose, which WordPress leaves alone because no such shortcode is registered.
 */
function looksLikeShortcode(name: string, attributes: string, selfClosing: boolean, closed: boolean): boolean {
  return /^[a-z0-9_-]+$/.test(name) && (closed || selfClosing || attributes.includes('=') || /[_-]/.test(name));
}

type Handler = (attributes: Record<string, string>, content: string, context: ShortcodeContext) => string;

const figure = (inner: string, caption: string, className = 'wp-caption') =>
  `<figure class="${className}">${inner}${caption ? `<figcaption>${caption}</figcaption>` : ''}</figure>`;

const mediaExtensions = /\.(mp3|m4a|ogg|oga|wav|flac|mp4|m4v|webm|ogv|mov)(?:[?#]|$)/i;

/** `[audio mp3="…"]`, `[audio https://…mp3]`, `[video mp4="…"]`: the player element the HTML step turns into a component. */
const mediaPlayer =
  (tag: 'audio' | 'video'): Handler =>
  (attributes, content) => {
    const url =
      attributes.src ??
      Object.entries(attributes).find(
        ([name, value]) => /^(mp3|m4a|ogg|wav|mp4|m4v|webm|ogv|flv|wmv|\d+)$/.test(name) && mediaExtensions.test(value),
      )?.[1] ??
      content.trim();
    return url ? `<figure class="wp-block-${tag}"><${tag} src="${escapeHtml(url)}"></${tag}></figure>` : '';
  };

const isImage = (attachment: Attachment) => /\.(jpe?g|png|gif|webp|avif|svg)(?:[?#]|$)/i.test(attachment.url);

/** `[gallery ids="…"]`, or without ids: the post's own attached images, as WordPress shows them. */
function galleryImages(attributes: Record<string, string>, context: ShortcodeContext): Attachment[] {
  const ids = (attributes.ids ?? attributes.include ?? '')
    .split(',')
    .map((id) => id.trim())
    .filter(Boolean);
  if (ids.length === 0) return (context.postAttachments?.() ?? []).filter(isImage);
  return ids.map((id) => context.attachment(id)).filter((image): image is Attachment => image !== undefined);
}

const handlers: Record<string, Handler> = {
  // The caption is either an attribute or the text after the image; the HTML step tells them apart.
  caption: (attributes, content) => figure(content, attributes.caption ? escapeHtml(attributes.caption) : ''),
  wp_caption: (attributes, content) => figure(content, attributes.caption ? escapeHtml(attributes.caption) : ''),
  gallery: (attributes, _content, context) =>
    figure(
      galleryImages(attributes, context)
        .map((image) =>
          figure(
            `<img src="${escapeHtml(image.url)}" alt="${escapeHtml(image.alt)}">`,
            escapeHtml(image.caption),
            'wp-block-image',
          ),
        )
        .join(''),
      '',
      'wp-block-gallery',
    ),
  embed: (attributes, content) =>
    `<figure class="wp-block-embed"><div class="wp-block-embed__wrapper">${escapeHtml(attributes.url ?? content.trim())}</div></figure>`,
  video: mediaPlayer('video'),
  audio: mediaPlayer('audio'),
};

/** Expands the shortcodes this importer knows into HTML; the others stay as text and are named. */
export function expandShortcodes(html: string, context: ShortcodeContext): ExpandedShortcodes {
  const unknown = new Set<string>();
  const expand = (text: string): string =>
    text.replace(shortcodePattern, (whole: string, ...groups: (string | undefined)[]) => {
      // The pattern's seven groups, then offset and input; open, name, attributes and close always take part.
      const [open = '', name = '', attributes = '', slash, content, closing, close = ''] = groups;
      // [[name]] is WordPress's way of writing a literal [name].
      if (open === '[' && close === ']') return whole.slice(1, -1);
      const handler = handlers[name.toLowerCase()];
      const inner = content === undefined ? '' : expand(content);
      if (handler) return `${open}${handler(shortcodeAttributes(attributes), inner, context)}${close}`;
      if (looksLikeShortcode(name, attributes, slash === '/', closing !== undefined)) unknown.add(name);
      return content === undefined ? whole : `${open}[${name}${attributes}]${inner}${closing}${close}`;
    });
  return { html: expand(html), unknown: [...unknown].sort() };
}
