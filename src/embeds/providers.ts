/**
 * The third parties an article can embed, in one place: how a link to a post or video becomes
 * the address of its embeddable frame, and the origins that frame needs in the page's
 * Content-Security-Policy. Every embed is an iframe loaded only when the reader asks for it,
 * so a page needs `frame-src` for the provider and nothing else (no third-party script runs
 * in the page itself).
 */

export type ProviderId = 'youtube' | 'x' | 'bluesky' | 'instagram' | 'tiktok' | 'openstreetmap';

export interface EmbedProvider {
  id: ProviderId;
  /** As readers know it: "YouTube", "X". */
  name: string;
  /** Origins the frame is loaded from: the page's `frame-src` grows by these, and only on pages that embed it. */
  frameOrigins: string[];
  /** What the reader is asked: "Play video", "Show post". */
  action: string;
}

export const providers: Record<ProviderId, EmbedProvider> = {
  youtube: { id: 'youtube', name: 'YouTube', frameOrigins: ['https://www.youtube-nocookie.com'], action: 'Play video' },
  x: { id: 'x', name: 'X', frameOrigins: ['https://platform.twitter.com'], action: 'Show post' },
  bluesky: { id: 'bluesky', name: 'Bluesky', frameOrigins: ['https://embed.bsky.app'], action: 'Show post' },
  instagram: { id: 'instagram', name: 'Instagram', frameOrigins: ['https://www.instagram.com'], action: 'Show post' },
  tiktok: { id: 'tiktok', name: 'TikTok', frameOrigins: ['https://www.tiktok.com'], action: 'Play video' },
  openstreetmap: {
    id: 'openstreetmap',
    name: 'OpenStreetMap',
    frameOrigins: ['https://www.openstreetmap.org'],
    action: 'Show map',
  },
};

export const isProviderId = (value: string): value is ProviderId => Object.hasOwn(providers, value);

/** An embed resolved from what the article wrote: where the link leads without JavaScript, and the frame loaded on click. */
export interface ResolvedEmbed {
  provider: ProviderId;
  /** The content on the provider's own site (what the link opens when scripts are off). */
  href: string;
  /** The iframe's address. */
  frameSrc: string;
}

const YOUTUBE_ID = /^[A-Za-z0-9_-]{11}$/;

/** A YouTube video by its 11-character id, played from youtube-nocookie.com. */
export function youtubeEmbed(id: string, start?: number): ResolvedEmbed {
  if (!YOUTUBE_ID.test(id)) throw new Error(`"${id}" is not a YouTube video id (11 letters, digits, - or _)`);
  const at = start && start > 0 ? Math.floor(start) : undefined;
  return {
    provider: 'youtube',
    href: `https://www.youtube.com/watch?v=${id}${at ? `&t=${at}s` : ''}`,
    frameSrc: `https://www.youtube-nocookie.com/embed/${id}?autoplay=1${at ? `&start=${at}` : ''}`,
  };
}

const hostIs = (url: URL, ...hosts: string[]) => hosts.includes(url.hostname.replace(/^www\./, ''));

/** The bounding box and marker of an OpenStreetMap link such as https://www.openstreetmap.org/#map=12/16.8/96.15. */
function mapEmbed(url: URL): ResolvedEmbed | undefined {
  const match = /map=(\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)\/(-?\d+(?:\.\d+)?)/.exec(url.hash);
  if (!match) return undefined;
  const [zoom, lat, lon] = [Number(match[1]), Number(match[2]), Number(match[3])];
  // Half the visible span at this zoom for a frame about 800 px wide (360° / 2^zoom per 256 px tile).
  const halfLon = ((360 / 2 ** zoom) * (800 / 256)) / 2;
  const halfLat = halfLon * 0.55 * Math.cos((lat * Math.PI) / 180);
  const bbox = [lon - halfLon, lat - halfLat, lon + halfLon, lat + halfLat].map((value) => value.toFixed(5)).join(',');
  return {
    provider: 'openstreetmap',
    href: `https://www.openstreetmap.org/?mlat=${lat}&mlon=${lon}#map=${zoom}/${lat}/${lon}`,
    frameSrc: `https://www.openstreetmap.org/export/embed.html?bbox=${encodeURIComponent(bbox)}&layer=mapnik&marker=${lat}%2C${lon}`,
  };
}

/** One provider's reading of an address (its path split into parts): the embed, or undefined when it is not theirs. */
type EmbedMatcher = (url: URL, parts: string[]) => ResolvedEmbed | undefined;

const embedMatchers: EmbedMatcher[] = [
  (url) => {
    const video = url.searchParams.get('v');
    return hostIs(url, 'youtube.com', 'm.youtube.com') && video ? youtubeEmbed(video) : undefined;
  },
  (url, parts) => (hostIs(url, 'youtu.be') && parts[0] ? youtubeEmbed(parts[0]) : undefined),
  (url, parts) => {
    const status = parts[1] === 'status' && /^\d+$/.test(parts[2] ?? '') ? parts[2] : undefined;
    if (!hostIs(url, 'x.com', 'twitter.com', 'mobile.twitter.com') || !status) return undefined;
    return {
      provider: 'x',
      href: `https://x.com/${parts[0]}/status/${status}`,
      frameSrc: `https://platform.twitter.com/embed/Tweet.html?id=${status}&dnt=true`,
    };
  },
  (url, parts) => {
    if (!hostIs(url, 'bsky.app') || parts[0] !== 'profile' || parts[2] !== 'post' || !parts[1] || !parts[3])
      return undefined;
    return {
      provider: 'bluesky',
      href: `https://bsky.app/profile/${parts[1]}/post/${parts[3]}`,
      frameSrc: `https://embed.bsky.app/embed/${parts[1]}/app.bsky.feed.post/${parts[3]}`,
    };
  },
  (url, parts) => {
    if (!hostIs(url, 'instagram.com') || (parts[0] !== 'p' && parts[0] !== 'reel') || !parts[1]) return undefined;
    return {
      provider: 'instagram',
      href: `https://www.instagram.com/${parts[0]}/${parts[1]}/`,
      frameSrc: `https://www.instagram.com/${parts[0]}/${parts[1]}/embed/`,
    };
  },
  (url, parts) => {
    if (!hostIs(url, 'tiktok.com') || parts[1] !== 'video' || !/^\d+$/.test(parts[2] ?? '')) return undefined;
    return {
      provider: 'tiktok',
      href: `https://www.tiktok.com/${parts[0]}/video/${parts[2]}`,
      frameSrc: `https://www.tiktok.com/embed/v2/${parts[2]}`,
    };
  },
  (url) => (hostIs(url, 'openstreetmap.org') ? mapEmbed(url) : undefined),
];

/**
 * An embed from the address of a post, video or map on a provider's site. Throws with what
 * is wrong (the build names the article): an address of an unknown site or of a page that
 * cannot be embedded.
 */
export function resolveEmbed(address: string): ResolvedEmbed {
  let url: URL;
  try {
    url = new URL(address);
  } catch {
    throw new Error(`"${address}" is not an absolute URL`);
  }
  if (url.protocol !== 'https:') throw new Error(`"${address}" must be an https:// address`);
  const parts = url.pathname.split('/').filter(Boolean);
  for (const match of embedMatchers) {
    const embed = match(url, parts);
    if (embed) return embed;
  }
  const known = Object.values(providers)
    .map((provider) => provider.name)
    .join(', ');
  throw new Error(`cannot embed "${address}": use the address of one post, video or map on ${known}`);
}

/** The CSP directives a page needs for the providers it embeds: `frame-src` with their origins, in a stable order. */
export function embedDirectives(used: Iterable<string>): `frame-src ${string}`[] {
  const origins = [...new Set(used)]
    .filter(isProviderId)
    .sort()
    .flatMap((id) => providers[id].frameOrigins);
  return origins.length > 0 ? [`frame-src ${[...new Set(origins)].join(' ')}`] : [];
}
