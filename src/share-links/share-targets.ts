/**
 * Share links as plain URLs: they work with JavaScript off and load nothing from the
 * networks until the reader clicks.
 */

export interface ShareTarget {
  /** Stable id, also a CSS hook. */
  id: 'x' | 'facebook' | 'linkedin' | 'telegram' | 'whatsapp' | 'reddit' | 'email';
  /** Visible label. */
  label: string;
  href: string;
}

export interface Shareable {
  /** Absolute URL of the page. */
  url: string;
  title: string;
  /** The standfirst, used as the e-mail body's first line. */
  description?: string;
}

const query = (params: Record<string, string>) => new URLSearchParams(params).toString();

/** mailto: wants %20 for spaces (URLSearchParams writes "+", which mail clients show literally). */
const mailQuery = (params: Record<string, string>) =>
  Object.entries(params)
    .map(([key, value]) => `${key}=${encodeURIComponent(value)}`)
    .join('&');

export function shareTargets({ url, title, description }: Shareable): ShareTarget[] {
  return [
    { id: 'x', label: 'X', href: `https://x.com/intent/post?${query({ url, text: title })}` },
    { id: 'facebook', label: 'Facebook', href: `https://www.facebook.com/sharer/sharer.php?${query({ u: url })}` },
    { id: 'linkedin', label: 'LinkedIn', href: `https://www.linkedin.com/sharing/share-offsite/?${query({ url })}` },
    { id: 'telegram', label: 'Telegram', href: `https://t.me/share/url?${query({ url, text: title })}` },
    { id: 'whatsapp', label: 'WhatsApp', href: `https://wa.me/?${query({ text: `${title} ${url}` })}` },
    { id: 'reddit', label: 'Reddit', href: `https://www.reddit.com/submit?${query({ url, title })}` },
    {
      id: 'email',
      label: 'Email',
      href: `mailto:?${mailQuery({ subject: title, body: [description, url].filter(Boolean).join('\n\n') })}`,
    },
  ];
}
