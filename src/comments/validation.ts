import { fieldMessages } from './messages.ts';
import { articleIdPattern, characterCount, commentIdPattern, limits, notifyField, type FieldName } from './protocol.ts';
import { parseHttpUrl } from '../utils/urls.ts';

export interface CommentInput {
  article: string;
  comment: string;
  name: string;
  email: string | null;
  website: string | null;
  parent: string | null;
  /** "Notify me of replies" was ticked (it needs an e-mail address). */
  notify: boolean;
}

/** A ticked checkbox as forms send it ("on"), or JSON true. */
const isTicked = (value: unknown) => value === true || value === 'on';

export type FieldErrors = Partial<Record<FieldName, string>>;
export type Validation = { ok: true; value: CommentInput } | { ok: false; fields: FieldErrors };

/** Control characters other than tab and newline, which no comment needs. */
// eslint-disable-next-line no-control-regex -- matching control characters is the point
const controlCharacters = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]/g;

/** Text as stored: Unicode NFC, newlines as \n, no control characters, trimmed. */
function cleanText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  return value.toWellFormed().normalize('NFC').replace(/\r\n?/g, '\n').replace(controlCharacters, '').trim();
}

/**
 * Characters that show nothing on their own: white space, formatting (zero-width, bidi, tag
 * characters), combining marks, and the fillers and blanks that render as empty (Hangul fillers,
 * braille blank). A name or comment made only of these is empty.
 */
const invisibleCharacters = /[\s\p{Z}\p{Cf}\p{Mn}\p{Me}\u115F\u1160\u3164\uFFA0\u2800]/gu;
const isBlank = (text: string) => text.replace(invisibleCharacters, '') === '';

/** Direction overrides and isolates, which can make a name display as something else. */
const bidiControls = /[\u061C\u200E\u200F\u202A-\u202E\u2066-\u2069]/g;

const emailPattern = /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:".]+(\.[^\s@<>()[\]\\,;:".]+)+$/;

export function isValidEmail(value: string): boolean {
  return value.length <= limits.email && emailPattern.test(value);
}

/** An absolute http(s) URL with a host, at most 200 characters. */
function isValidWebsite(value: string): boolean {
  if (value.length > limits.website || /\s/.test(value)) return false;
  const url = parseHttpUrl(value);
  return url !== null && url.hostname.length > 0;
}

/** A required text's message: missing, too long, or none. */
const lengthMessage = (text: string, max: number, missing: string, tooLong: string) =>
  isBlank(text) ? missing : characterCount(text) > max ? tooLong : null;

/** An optional field's message: present (not null, not empty) and not valid. */
const optionalMessage = (text: string | null, valid: (text: string) => boolean, message: string) =>
  text === null || (text !== '' && !valid(text)) ? message : null;

/**
 * The rules for a new comment, shared by the service and the browser script.
 * Takes untrusted input of any shape; wrong types count as missing or invalid.
 */
export function validateComment(raw: Record<string, unknown>): Validation {
  const fields: FieldErrors = {};
  const { article, comment, name, email, website, parent } = cleanFields(raw);

  const notify = isTicked(raw[notifyField]);
  const messages: Record<FieldName, string | null> = {
    article: articleIdPattern.test(article) ? null : fieldMessages.article,
    comment: lengthMessage(comment, limits.comment, fieldMessages.comment, fieldMessages.commentTooLong),
    name: lengthMessage(name, limits.name, fieldMessages.name, fieldMessages.nameTooLong),
    email: optionalMessage(email, isValidEmail, fieldMessages.email),
    website: optionalMessage(website, isValidWebsite, fieldMessages.website),
    parent: optionalMessage(parent, (id) => commentIdPattern.test(id), fieldMessages.parent),
  };
  if (notify && email === '') messages.email ??= fieldMessages.notifyNeedsEmail;
  for (const [field, message] of Object.entries(messages) as [FieldName, string | null][])
    if (message) fields[field] = message;

  if (Object.keys(fields).length > 0) return { ok: false, fields };
  return {
    ok: true,
    value: { article, comment, name, email: email || null, website: website || null, parent: parent || null, notify },
  };
}

/** The fields as text: required ones "" when missing, optional ones "" when absent and null when not text. */
function cleanFields(raw: Record<string, unknown>) {
  return {
    article: cleanText(raw.article) ?? '',
    comment: cleanText(raw.comment) ?? '',
    name: (cleanText(raw.name) ?? '').replace(bidiControls, '').replace(/\s+/g, ' ').trim(),
    email: cleanText(raw.email ?? ''),
    website: cleanText(raw.website ?? ''),
    parent: cleanText(raw.parent ?? ''),
  };
}
