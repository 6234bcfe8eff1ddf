import { fieldMessages } from './messages.ts';
import {
  articleIdPattern,
  characterCount,
  commentIdPattern,
  fieldLimits,
  notifyField,
  type FieldName,
} from './protocol.ts';
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
// eslint-disable-next-line no-control-regex -- matching control characters is this pattern's whole purpose.
const controlCharacters = /[\u0000-\u0008\u000B-\u001F\u007F-\u009F\u2028\u2029]/g;

/** Text as stored: Unicode NFC, newlines as \n, no control characters, trimmed. */
function cleanText(value: unknown): string | null {
  if (typeof value !== 'string') return null;
  return value.normalize('NFC').replace(/\r\n?/g, '\n').replace(controlCharacters, '').trim();
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
  return value.length <= fieldLimits.email && emailPattern.test(value);
}

/** An absolute http(s) URL with a host, at most 200 characters. */
function isValidWebsite(value: string): boolean {
  if (value.length > fieldLimits.website || /\s/.test(value)) return false;
  const url = parseHttpUrl(value);
  return url !== null && url.hostname.length > 0;
}

/**
 * The rules for a new comment, shared by the service and the browser script.
 * Takes untrusted input of any shape; wrong types count as missing or invalid.
 */
// One flat list of field rules, shipped in the comment form's script: split into helpers it grew past the
// page's 4 KB (gzip) budget for enhancement JavaScript (tests/e2e/perf/budgets.test.ts), so it stays whole.
// eslint-disable-next-line complexity
export function validateComment(raw: Record<string, unknown>): Validation {
  const fields: FieldErrors = {};
  const article = cleanText(raw.article) ?? '';
  const comment = cleanText(raw.comment) ?? '';
  const name = (cleanText(raw.name) ?? '').replace(bidiControls, '').replace(/\s+/g, ' ').trim();
  const email = cleanText(raw.email ?? '');
  const website = cleanText(raw.website ?? '');
  const parent = cleanText(raw.parent ?? '');

  if (!articleIdPattern.test(article)) fields.article = fieldMessages.article;
  if (isBlank(comment)) fields.comment = fieldMessages.comment;
  else if (characterCount(comment) > fieldLimits.comment) fields.comment = fieldMessages.commentTooLong;
  if (isBlank(name)) fields.name = fieldMessages.name;
  else if (characterCount(name) > fieldLimits.name) fields.name = fieldMessages.nameTooLong;
  if (email === null || (email !== '' && !isValidEmail(email))) fields.email = fieldMessages.email;
  if (website === null || (website !== '' && !isValidWebsite(website))) fields.website = fieldMessages.website;
  if (parent === null || (parent !== '' && !commentIdPattern.test(parent))) fields.parent = fieldMessages.parent;
  const notify = isTicked(raw[notifyField]);
  if (notify && email === '' && !fields.email) fields.email = fieldMessages.notifyNeedsEmail;

  if (Object.keys(fields).length > 0) return { ok: false, fields };
  return {
    ok: true,
    value: { article, comment, name, email: email || null, website: website || null, parent: parent || null, notify },
  };
}
