/**
 * Progressive enhancement for the share links: a "Share…" button that opens the system
 * share sheet (Web Share API) and a "Copy link" button (Clipboard API), each shown only
 * where the browser has the API. The plain links work without any of this.
 */
export function enhanceShareLinks(root: Document): void {
  const status = root.querySelector<HTMLElement>('.share-status');
  const say = (message: string) => {
    if (status) status.textContent = message;
  };

  if (typeof navigator.share === 'function') {
    for (const button of root.querySelectorAll<HTMLButtonElement>('[data-share-native]')) {
      button.closest<HTMLElement>('[data-share-enhanced]')?.removeAttribute('hidden');
      button.addEventListener('click', () => {
        navigator
          .share({ url: button.dataset.url ?? location.href, title: button.dataset.title ?? document.title })
          .catch((error: unknown) => {
            if (!(error instanceof DOMException && error.name === 'AbortError'))
              say('Sharing did not work; use one of the links.');
          });
      });
    }
  }

  if (navigator.clipboard && typeof navigator.clipboard.writeText === 'function') {
    for (const button of root.querySelectorAll<HTMLButtonElement>('[data-copy-link]')) {
      button.closest<HTMLElement>('[data-copy-enhanced]')?.removeAttribute('hidden');
      button.addEventListener('click', () => {
        navigator.clipboard.writeText(button.dataset.url ?? location.href).then(
          () => say('Link copied.'),
          () => say('Could not copy the link; copy it from the address bar.'),
        );
      });
    }
  }
}
