import { noMedia, selfHostedMedia } from '../deploy/csp.ts';
import { embedDirectives } from './providers.ts';

/** The part of Astro's `Astro.csp` a page uses to widen its own policy. */
interface PageCsp {
  insertDirective(directive: `${'frame-src' | 'media-src'} ${string}`): void;
}

/**
 * Allows, in this page's `<meta>` policy only, the frames of the providers its body embeds
 * (`embeds` as recorded by remark-media-components.ts). Without `security.csp` there is no
 * policy to widen.
 */
export function allowEmbeddedFrames(csp: PageCsp | undefined, embeds: unknown): void {
  const used = Array.isArray(embeds) ? embeds.map(String) : [];
  for (const directive of embedDirectives(used)) csp?.insertDirective(directive);
}

/**
 * Allows, in this page's `<meta>` policy, the site's own recordings and videos when its body has
 * a player (`media`, as recorded by remark-media-components.ts), and no media otherwise.
 */
export function allowSelfHostedMedia(csp: PageCsp | undefined, media: unknown): void {
  csp?.insertDirective(
    media === true ? (selfHostedMedia as `media-src ${string}`) : (noMedia as `media-src ${string}`),
  );
}
