/**
 * Loads an embed's frame when the reader clicks its link (see EmbedPoster.astro): the poster
 * is replaced by the provider's iframe, which takes the focus. Before the click nothing is
 * requested from the provider; without JavaScript the link opens the content on its own site.
 */

/** What the frame may do: play, go full screen; nothing of the page's own powers. */
const FRAME_ALLOW = 'autoplay; encrypted-media; fullscreen; picture-in-picture';

export function frameFor(link: HTMLAnchorElement): HTMLIFrameElement | undefined {
  const src = link.dataset.embedSrc;
  if (!src) return undefined;
  const frame = link.ownerDocument.createElement('iframe');
  frame.src = src;
  frame.title = link.dataset.embedTitle ?? '';
  frame.allow = FRAME_ALLOW;
  frame.referrerPolicy = 'strict-origin-when-cross-origin';
  return frame;
}

export function loadEmbedsOnClick(root: Document): void {
  root.addEventListener('click', (event) => {
    if (
      event.defaultPrevented ||
      event.button !== 0 ||
      event.metaKey ||
      event.ctrlKey ||
      event.shiftKey ||
      event.altKey
    )
      return;
    const link = (event.target as Element | null)?.closest?.<HTMLAnchorElement>('a[data-embed-src]');
    const box = link?.closest('.embed-box');
    const frame = link && frameFor(link);
    if (!box || !frame) return;
    event.preventDefault();
    box.replaceChildren(frame);
    box.classList.add('embed-box--loaded');
    frame.focus();
  });
}
