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
  return value.length <= limits.email && emailPattern.test(value);
}

/** An absolute http(s) URL with a host, at most 200 characters. */
function isValidWebsite(value: string): boolean {
  if (value.length > limits.website || /\s/.test(value)) return false;
  const url = parseHttpUrl(value);
  return url !== null && url.hostname.length > 0;
}

/** The fields as text, cleaned; a required field of the wrong type is empty, an optional one null. */
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

/** A required text's problem: blank, or longer than its limit in characters. */
function textProblem(value: string, limit: number, blank: string, tooLong: string): string | undefined {
  if (isBlank(value)) return blank;
  return characterCount(value) > limit ? tooLong : undefined;
}

/** An optional field: left empty, or filled in and valid (null is a value of the wrong type). */
function optionalValid(value: string | null, isValid: (value: string) => boolean): boolean {
  return value !== null && (value === '' || isValid(value));
}

/**
 * The rules for a new comment, shared by the service and the browser script.
 * Takes untrusted input of any shape; wrong types count as missing or invalid.
 */
export function validateComment(raw: Record<string, unknown>): Validation {
  const fields: FieldErrors = {};
  const { article, comment, name, email, website, parent } = cleanFields(raw);

  if (!articleIdPattern.test(article)) fields.article = fieldMessages.article;
  const commentProblem = textProblem(comment, limits.comment, fieldMessages.comment, fieldMessages.commentTooLong);
  if (commentProblem) fields.comment = commentProblem;
  const nameProblem = textProblem(name, limits.name, fieldMessages.name, fieldMessages.nameTooLong);
  if (nameProblem) fields.name = nameProblem;
  if (!optionalValid(email, isValidEmail)) fields.email = fieldMessages.email;
  if (!optionalValid(website, isValidWebsite)) fields.website = fieldMessages.website;
  if (!optionalValid(parent, (id) => commentIdPattern.test(id))) fields.parent = fieldMessages.parent;
  const notify = isTicked(raw[notifyField]);
  if (notify && email === '' && !fields.email) fields.email = fieldMessages.notifyNeedsEmail;

  if (Object.keys(fields).length > 0) return { ok: false, fields };
  return {
    ok: true,
    value: { article, comment, name, email: email || null, website: website || null, parent: parent || null, notify },
  };
}
