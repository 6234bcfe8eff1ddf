/**
 * The share row's icons: small line drawings on a 24-pixel grid in the text colour, one per share
 * target and one for the phone's own share sheet, inlined in the page (no request, no icon font).
 * Each is decoration: the link or button around it carries the accessible name.
 */
import type { ShareTarget } from './share-targets.ts';

export type ShareIconName = ShareTarget['id'] | 'native';

export const shareIcons: Record<ShareIconName, string> = {
  native: '<path d="M12 3v12M7 8l5-5 5 5M5 13v6a2 2 0 0 0 2 2h10a2 2 0 0 0 2-2v-6"/>',
  x: '<path d="M4 4h4.5L20 20h-4.5zM20 4l-6.6 7.3M4 20l6.6-7.3"/>',
  facebook: '<path d="M15 3.5h-2a4 4 0 0 0-4 4V10H6.5v3.5H9v7h3.5v-7h2.7l.6-3.5h-3.3V8a1 1 0 0 1 1-1H15z"/>',
  linkedin:
    '<rect x="3" y="3" width="18" height="18" rx="2"/><path d="M8 10.5V17M8 7.2v.1M12 17v-6.5M12 13.5a2.8 2.8 0 0 1 5.5 0V17"/>',
  telegram: '<path d="M21 4 3 11.2l5.8 2.1L11 19.5l3.2-3.9 4.8 3.4zM8.8 13.3 21 4"/>',
  whatsapp:
    '<path d="M4 20.5l1.3-4.4a8.4 8.4 0 1 1 3 3zM9 8.5c0 3.6 2.9 6.5 6.5 6.5l.8-1.9-2-1-1 1a4.6 4.6 0 0 1-2.8-2.8l1-1-1-2z"/>',
  reddit:
    '<circle cx="12" cy="14.5" r="6"/><circle cx="18" cy="5" r="1.3"/><path d="M12 8.5l1.2-4.7 3.5 1M9.5 13.6v.1M14.5 13.6v.1M9.5 16.8c1.5 1 3.5 1 5 0"/>',
  email: '<rect x="3" y="5" width="18" height="14" rx="2"/><path d="m3.5 7 8.5 6 8.5-6"/>',
};
