/**
 * The one answer to POST /comments, whichever way it goes: the site's script asked for JSON, a
 * plain form post is sent back (303) to the article with the outcome in the query. Every step of
 * the handler answers through this object, so no step decides between JSON and redirect itself.
 */
import type { Context } from 'hono';
import {
  errorParam,
  redirectField,
  type ErrorResponse,
  type FieldName,
  type Outcome,
} from '../../comments/protocol.ts';
import type { FieldErrors } from '../../comments/validation.ts';
import { noStore, wantsJson } from './request.ts';

export type RefusalStatus = 400 | 403 | 413 | 415 | 429 | 503;

export class CommentReply {
  readonly json: boolean;
  private readonly c: Context;
  /** Where a form post returns to; null until known (or when it is not on an allowed origin). */
  target: URL | null = null;

  constructor(c: Context) {
    this.c = c;
    this.json = wantsJson(c);
  }

  /** Whether there is anywhere to answer: JSON always, a form post only with a target to return to. */
  get canAnswer(): boolean {
    return this.json || this.target !== null;
  }

  private redirect(outcome: Outcome, extra: Record<string, string> = {}): Response {
    const url = new URL(this.target!);
    for (const key of [...url.searchParams.keys()])
      if (key === 'comment' || key === 'id' || key.startsWith('error.')) url.searchParams.delete(key);
    url.searchParams.set('comment', outcome);
    for (const [key, value] of Object.entries(extra)) url.searchParams.set(key, value);
    url.hash = `comments-${outcome}`;
    noStore(this.c);
    return this.c.redirect(url.href, 303);
  }

  /** The comment was taken (or a bot was told so): 201 with its id, or back to the article. */
  accepted(id: string, status: 'pending' | 'approved'): Response {
    noStore(this.c);
    return this.json ? this.c.json({ id, status }, 201) : this.redirect(status, { id });
  }

  /** A refusal: a form post goes back to the article with its notice when it can; otherwise a 4xx with the message. */
  refuse(status: RefusalStatus, message: string, outcome: Outcome): Response {
    if (!this.json && this.target) return this.redirect(outcome);
    noStore(this.c);
    return this.json ? this.c.json({ error: message } satisfies ErrorResponse, status) : this.c.text(message, status);
  }

  /** A form post with nowhere to return to. */
  noReturn(): Response {
    noStore(this.c);
    return this.c.text(
      `Form posts need a "${redirectField}" field (or a Referer) on an allowed origin to return to`,
      400,
    );
  }

  /** Fields that need attention: 422 with each field's message, or back to the form with them. */
  invalid(fields: FieldErrors): Response {
    noStore(this.c);
    if (this.json) return this.c.json({ error: 'Some fields need attention', fields } satisfies ErrorResponse, 422);
    const extra = Object.fromEntries(
      (Object.entries(fields) as [FieldName, string][]).map(([field, message]) => [errorParam(field), message]),
    );
    return this.redirect('invalid', extra);
  }

  /** A refusal of the text as a whole (duplicate, too many links): without the script, field messages are not shown. */
  refuseText(outcome: 'duplicate' | 'toomanylinks', message: string): Response {
    return this.json ? this.invalid({ comment: message }) : this.redirect(outcome);
  }

  /** The storage cannot serve: a form post returns with the error notice, the script is told when to retry. */
  storageDown(retrySeconds: number): Response {
    if (!this.json && this.target) return this.redirect('error');
    this.c.header('Retry-After', String(retrySeconds));
    return this.refuse(503, 'Comments cannot be stored right now: please try again in a little while', 'error');
  }

  header(name: string, value: string): this {
    this.c.header(name, value);
    return this;
  }
}
