/**
 * Progressive enhancement for the share rows: where the browser has the Web Share API (phones,
 * and some desktops), a button that opens the system's share sheet. The links work without it.
 * Kept tiny: this and the comment form share a 4 KB budget (docs/performance.md).
 */
export function enhanceShareLinks(root: Document): void {
  if (typeof navigator.share !== 'function') return;
  for (const button of root.querySelectorAll<HTMLButtonElement>('[data-share-native]')) {
    button.hidden = false;
    button.addEventListener('click', () => {
      // A reader who closes the share sheet rejects the promise; the links stay there either way.
      navigator.share({ url: button.dataset.url!, title: button.dataset.title! }).catch(() => undefined);
    });
  }
}
