/**
 * The body of POST /comments as a flat record of fields: urlencoded or JSON, at most the protocol's
 * byte limit. Even a refused form post keeps what its first bytes say (the article and where to
 * return to), so the reader is sent back to the article with a notice, not to a bare page.
 */
import type { Context } from 'hono';
import type { Outcome } from '../../comments/protocol.ts';
import { contentType, formType, readRawBody } from './request.ts';

/** A refusal of the body itself: its status, message and the notice a form post returns with. */
export interface BodyRefusal {
  status: 400 | 415;
  message: string;
  outcome: Outcome;
}

export interface CommentBody {
  fields: Record<string, unknown> | null;
  /** Fields from the start of a body that was too large or unreadable (where a form's hidden fields are). */
  prefixFields: Record<string, unknown>;
  tooLarge: boolean;
  refusal: BodyRefusal | null;
}

/** How much of a body too large is read for its first fields. */
const prefixBytes = 8192;

const unsupported: BodyRefusal = {
  status: 415,
  message: 'Send the comment as application/x-www-form-urlencoded or application/json',
  outcome: 'unsupported',
};

function formFields(text: string): Record<string, unknown> {
  const record: Record<string, unknown> = {};
  for (const [key, value] of new URLSearchParams(text)) if (!(key in record)) record[key] = value;
  return record;
}

/** A multipart form is not one the site makes, but its fields say where to return to. */
async function multipartFields(type: string, bytes: Uint8Array<ArrayBuffer>): Promise<Record<string, unknown>> {
  const fields: Record<string, unknown> = {};
  try {
    const data = await new Request('http://body.invalid/', {
      method: 'POST',
      headers: { 'content-type': type },
      body: bytes,
    }).formData();
    for (const [key, value] of data) if (typeof value === 'string' && !(key in fields)) fields[key] = value;
  } catch {
    // unreadable: nothing to return to but the Referer
  }
  return fields;
}

function jsonFields(text: string): Pick<CommentBody, 'fields' | 'refusal'> {
  try {
    const body: unknown = JSON.parse(text);
    if (typeof body === 'object' && body !== null && !Array.isArray(body))
      return { fields: body as Record<string, unknown>, refusal: null };
    return {
      fields: null,
      refusal: { status: 400, message: 'The body must be a JSON object of fields', outcome: 'forbidden' },
    };
  } catch {
    return { fields: null, refusal: { status: 400, message: 'The body is not valid JSON', outcome: 'forbidden' } };
  }
}

/** Reads the body; throws BodyCutOff (request.ts) when the client did not send all of it. */
export async function readCommentBody(c: Context, maxBytes: number): Promise<CommentBody> {
  const type = contentType(c);
  const { bytes, tooLarge } = await readRawBody(c, maxBytes, prefixBytes);
  const text = new TextDecoder().decode(tooLarge ? bytes.subarray(0, prefixBytes) : bytes);
  const body: CommentBody = { fields: null, prefixFields: {}, tooLarge, refusal: null };
  if (type === formType) {
    // The last field of a cut-off body may be cut too: only whole fields count.
    body.prefixFields = formFields(tooLarge ? text.slice(0, Math.max(0, text.lastIndexOf('&'))) : text);
    if (!tooLarge) body.fields = body.prefixFields;
  } else if (type === 'multipart/form-data') {
    if (!tooLarge)
      body.prefixFields = await multipartFields(c.req.header('content-type')!, bytes as Uint8Array<ArrayBuffer>);
    body.refusal = unsupported;
  } else if (type === 'application/json') {
    if (!tooLarge) Object.assign(body, jsonFields(text));
  } else {
    body.refusal = unsupported;
  }
  return body;
}
