/**
 * What every route group reads from a request, written once: the client's address (behind trusted
 * proxies), the body's media type, form fields, whether the client wants JSON, and a body read
 * within a byte limit that tells a client gone mid-body from a body that is merely bad.
 */
import type { Context } from 'hono';
import { clientAddressOf, type ProxyRange } from './client-address.ts';

/** The connecting peer's address (the runtime knows it; Request does not). */
export type PeerAddress = (c: Context) => string | undefined;

/** The client's address: the peer's, or behind a trusted proxy the first untrusted X-Forwarded-For hop. */
export const clientAddress = (c: Context, peerAddress: PeerAddress | undefined, trustProxy: readonly ProxyRange[]) =>
  clientAddressOf(peerAddress?.(c) ?? 'unknown', c.req.header('x-forwarded-for'), trustProxy);

/** The body's media type, lower case, without parameters ("" when there is none). */
export const contentType = (c: Context) => (c.req.header('content-type') ?? '').split(';')[0]!.trim().toLowerCase();

export const formType = 'application/x-www-form-urlencoded';

export const wantsJson = (c: Context) => /application\/json/i.test(c.req.header('accept') ?? '');

export function noStore(c: Context) {
  c.header('Cache-Control', 'no-store');
}

/** The body could not be read to its end: the client hung up, or sent fewer bytes than it announced. */
export class BodyCutOff extends Error {
  override name = 'BodyCutOff';
}

export interface RawBody {
  bytes: Uint8Array;
  /** The body was larger than the limit: `bytes` holds (at least) its first `keepBytes`. */
  tooLarge: boolean;
}

/**
 * Reads the body, at most `maxBytes` of it; past the limit it stops once it holds `keepBytes` (a
 * form's first fields). Throws BodyCutOff when the body ends early or breaks off: Node and workerd
 * both say so by rejecting the read, which is the client's doing, never the service's.
 */
export async function readRawBody(c: Context, maxBytes: number, keepBytes = 0): Promise<RawBody> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  let tooLarge = Number(c.req.header('content-length') ?? 0) > maxBytes;
  const reader = c.req.raw.body?.getReader();
  try {
    while (reader) {
      const { done, value } = await reader.read();
      if (done) break;
      if (size < keepBytes || !tooLarge) chunks.push(value);
      size += value.byteLength;
      if (size > maxBytes) tooLarge = true;
      if (tooLarge && size >= keepBytes) {
        await reader.cancel().catch(() => undefined);
        break;
      }
    }
  } catch (error) {
    throw new BodyCutOff(`the request body broke off: ${error instanceof Error ? error.message : String(error)}`);
  }
  const bytes = new Uint8Array(chunks.reduce((total, chunk) => total + chunk.byteLength, 0));
  let offset = 0;
  for (const chunk of chunks) {
    bytes.set(chunk, offset);
    offset += chunk.byteLength;
  }
  return { bytes, tooLarge };
}

/** Form fields of a urlencoded body (anything else has none), repeated names kept as lists. */
export async function formOf(c: Context, maxBytes: number): Promise<URLSearchParams> {
  if (contentType(c) !== formType) return new URLSearchParams();
  const { bytes, tooLarge } = await readRawBody(c, maxBytes);
  if (tooLarge) return new URLSearchParams();
  return new URLSearchParams(new TextDecoder().decode(bytes));
}
