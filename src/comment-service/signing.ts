/**
 * Signed tokens with Web Crypto only (this runs in Node and in workerd): HMAC-SHA-256 over a JSON
 * payload, both base64url. Each purpose (the moderation page's CSRF tokens, the links in e-mails)
 * signs with its own key derived from the service's secret, so a token made for one can never pass
 * as another; within the mail links, the payload's fields tell a moderation link from an unsubscribe one.
 */
const encoder = new TextEncoder();

export function base64url(bytes: Uint8Array): string {
  let binary = '';
  for (const byte of bytes) binary += String.fromCharCode(byte);
  return btoa(binary).replace(/\+/g, '-').replace(/\//g, '_').replace(/=+$/, '');
}

function fromBase64url(text: string): Uint8Array<ArrayBuffer> | null {
  if (!/^[A-Za-z0-9_-]*$/.test(text)) return null;
  try {
    const binary = atob(text.replace(/-/g, '+').replace(/_/g, '/'));
    return Uint8Array.from(binary, (char) => char.charCodeAt(0));
  } catch {
    return null;
  }
}

/** A random value of `bytes` bytes, base64url. */
export const randomToken = (bytes = 32) => base64url(crypto.getRandomValues(new Uint8Array(bytes)));

/** SHA-256 of a text, base64url: how session ids are stored. */
export async function sha256(text: string): Promise<string> {
  return base64url(new Uint8Array(await crypto.subtle.digest('SHA-256', encoder.encode(text))));
}

export interface Signer {
  /** A token carrying `payload`, valid until `expiresAt` (ms since the epoch). */
  sign(payload: Record<string, string>, expiresAt: number): Promise<string>;
  /** The payload of a genuine token that has not expired at `now`; null for anything else. */
  verify(token: string, now?: number): Promise<Record<string, string> | null>;
  /** A MAC of a text, base64url (for values tied to a session, such as the CSRF token). */
  mac(text: string): Promise<string>;
}

export function createSigner(secret: string, purpose: string): Signer {
  const key = crypto.subtle
    .importKey('raw', encoder.encode(secret), { name: 'HMAC', hash: 'SHA-256' }, false, ['sign'])
    .then(async (master) => {
      const derived = await crypto.subtle.sign('HMAC', master, encoder.encode(`comment-service:${purpose}`));
      return crypto.subtle.importKey('raw', derived, { name: 'HMAC', hash: 'SHA-256' }, false, ['sign', 'verify']);
    });
  const mac = async (text: string) =>
    base64url(new Uint8Array(await crypto.subtle.sign('HMAC', await key, encoder.encode(text))));
  return {
    mac,
    async sign(payload, expiresAt) {
      const body = base64url(encoder.encode(JSON.stringify({ ...payload, exp: String(Math.floor(expiresAt)) })));
      return `${body}.${await mac(body)}`;
    },
    async verify(token, now = Date.now()) {
      if (typeof token !== 'string' || token.length > 2000) return null;
      const [body, signature, extra] = token.split('.');
      if (!body || !signature || extra !== undefined) return null;
      const signatureBytes = fromBase64url(signature);
      if (!signatureBytes) return null;
      // crypto.subtle.verify compares in constant time.
      if (!(await crypto.subtle.verify('HMAC', await key, signatureBytes, encoder.encode(body)))) return null;
      const bytes = fromBase64url(body);
      if (!bytes) return null;
      let payload: unknown;
      try {
        payload = JSON.parse(new TextDecoder().decode(bytes));
      } catch {
        return null;
      }
      if (typeof payload !== 'object' || payload === null) return null;
      const record = payload as Record<string, unknown>;
      if (!Object.values(record).every((value) => typeof value === 'string')) return null;
      if (!(Number(record.exp) > now)) return null;
      return record as Record<string, string>;
    },
  };
}

/** Compares two texts in time that does not depend on where they differ. */
export async function sameText(a: string, b: string): Promise<boolean> {
  const [hashA, hashB] = await Promise.all([sha256(a), sha256(b)]);
  let difference = a.length ^ b.length;
  for (let index = 0; index < hashA.length; index++) difference |= hashA.charCodeAt(index) ^ hashB.charCodeAt(index);
  return difference === 0;
}
