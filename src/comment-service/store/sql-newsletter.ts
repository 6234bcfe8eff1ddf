/**
 * The newsletter's records (newsletter-records.ts) in SQL that SQLite, D1 and PostgreSQL read the
 * same way; SqlCommentStore (sql-store.ts) builds on it, so every store has them. Each step that
 * must hold across instances is one statement: the unique folded address, the conditional update
 * that allows one confirmation per window, the outbox's unique dedupe key.
 */
import { isRhythm, type Rhythm } from '../../newsletter/protocol.ts';
import { emailKey } from './email-key.ts';
import {
  newsletterMailPrefix,
  subscriberStatuses,
  type NewsletterMail,
  type NewsletterRecords,
  type NewsletterSend,
  type Subscriber,
  type SubscriberQuery,
  type SubscriberStatus,
  type SubscribeRequest,
  type SubscribeResult,
} from './newsletter-records.ts';
import { placeholders, SqlStoreBase, type Row } from './sql-base.ts';

const subscriberColumns = 'id, email, rhythm, status, created_at, confirmed_at, unsubscribed_at';
const sendColumns = 'key, rhythm, title, started_at, completed_at, queued';
/** Outbox rows per INSERT: 8 values each stays under D1's 100 bound parameters. */
const mailsPerStatement = 12;

const optional = (value: unknown) => (value == null ? null : String(value));

function toSubscriber(row: Row): Subscriber {
  return {
    id: String(row.id),
    email: String(row.email),
    rhythm: (isRhythm(row.rhythm) ? row.rhythm : 'story') as Rhythm,
    status: row.status as SubscriberStatus,
    createdAt: String(row.created_at),
    confirmedAt: optional(row.confirmed_at),
    unsubscribedAt: optional(row.unsubscribed_at),
  };
}

function toSend(row: Row): NewsletterSend {
  return {
    key: String(row.key),
    rhythm: row.rhythm as Rhythm,
    title: String(row.title),
    startedAt: String(row.started_at),
    completedAt: optional(row.completed_at),
    queued: Number(row.queued),
  };
}

/** A LIKE pattern matching `text` anywhere, with LIKE's own characters escaped. */
const containsPattern = (text: string) => `%${text.toLowerCase().replace(/[\\%_]/g, (char) => `\\${char}`)}%`;

export class SqlNewsletterStore extends SqlStoreBase implements NewsletterRecords {
  private async subscriberWhere(condition: string, params: readonly unknown[]): Promise<Subscriber | null> {
    const row = await this.first(`SELECT ${subscriberColumns} FROM subscribers WHERE ${condition}`, params);
    return row ? toSubscriber(row) : null;
  }

  async subscribe(request: SubscribeRequest, confirmAgainAfter: string): Promise<SubscribeResult> {
    await this.beforeWrite();
    const email = request.email.toWellFormed().trim();
    const key = emailKey(email);
    const inserted = await this.sql.run(
      `INSERT INTO subscribers (id, email, email_key, rhythm, status, created_at, confirm_sent_at)
       VALUES (?, ?, ?, ?, 'pending', ?, ?) ON CONFLICT (email_key) DO NOTHING`,
      [request.id, email, key, request.rhythm, request.at, request.at],
    );
    if (inserted > 0) return { subscriber: (await this.subscriber(request.id))!, sendConfirmation: true };
    const known = (await this.subscriberWhere('email_key = ?', [key]))!;
    if (known.status === 'confirmed') return { subscriber: known, sendConfirmation: false };
    await this.sql.run(
      `UPDATE subscribers SET status = 'pending', rhythm = ?, confirmed_at = NULL, unsubscribed_at = NULL
       WHERE id = ? AND status <> 'confirmed'`,
      [request.rhythm, known.id],
    );
    const due = await this.sql.run(
      `UPDATE subscribers SET confirm_sent_at = ?
       WHERE id = ? AND status = 'pending' AND (confirm_sent_at IS NULL OR confirm_sent_at <= ?)`,
      [request.at, known.id, confirmAgainAfter],
    );
    return { subscriber: (await this.subscriber(known.id))!, sendConfirmation: due > 0 };
  }

  async confirmSubscriber(id: string, at: string): Promise<Subscriber | null> {
    await this.beforeWrite();
    await this.sql.run(
      "UPDATE subscribers SET status = 'confirmed', confirmed_at = ? WHERE id = ? AND status = 'pending'",
      [at, id],
    );
    const subscriber = await this.subscriber(id);
    return subscriber?.status === 'confirmed' ? subscriber : null;
  }

  async unsubscribeSubscriber(id: string, at: string): Promise<Subscriber | null> {
    await this.beforeWrite();
    await this.sql.run(
      "UPDATE subscribers SET status = 'unsubscribed', unsubscribed_at = ? WHERE id = ? AND status <> 'unsubscribed'",
      [at, id],
    );
    await this.dropUnsentMail([id]);
    return this.subscriber(id);
  }

  subscriber(id: string): Promise<Subscriber | null> {
    return this.subscriberWhere('id = ?', [id]);
  }

  async subscriberList(query: SubscriberQuery): Promise<{ items: Subscriber[]; total: number }> {
    const where: string[] = [];
    const params: unknown[] = [];
    if (query.status !== 'all') {
      where.push('status = ?');
      params.push(query.status);
    }
    if (query.search) {
      where.push("LOWER(email) LIKE ? ESCAPE '\\'");
      params.push(containsPattern(query.search));
    }
    const condition = where.length > 0 ? `WHERE ${where.join(' AND ')}` : '';
    const total = Number((await this.first(`SELECT COUNT(*) AS n FROM subscribers ${condition}`, params))?.n ?? 0);
    const rows = await this.sql.all(
      `SELECT ${subscriberColumns} FROM subscribers ${condition} ORDER BY created_at DESC, id LIMIT ? OFFSET ?`,
      [...params, query.limit, query.offset],
    );
    return { items: rows.map(toSubscriber), total };
  }

  async subscriberCounts(): Promise<Record<SubscriberStatus, number>> {
    const counts = Object.fromEntries(subscriberStatuses.map((status) => [status, 0])) as Record<
      SubscriberStatus,
      number
    >;
    for (const row of await this.sql.all('SELECT status, COUNT(*) AS n FROM subscribers GROUP BY status', [])) {
      counts[row.status as SubscriberStatus] = Number(row.n);
    }
    return counts;
  }

  async recipients(rhythm: Rhythm, confirmedBy: string, afterId: string, limit: number): Promise<Subscriber[]> {
    const rows = await this.sql.all(
      `SELECT ${subscriberColumns} FROM subscribers
       WHERE status = 'confirmed' AND rhythm = ? AND confirmed_at <= ? AND id > ? ORDER BY id LIMIT ?`,
      [rhythm, confirmedBy, afterId, limit],
    );
    return rows.map(toSubscriber);
  }

  /** Deletes the unsent newsletter mail (confirmations included) of these subscribers. */
  private async dropUnsentMail(ids: readonly string[]): Promise<void> {
    for (const id of ids) {
      // Blanked before deleting: D1 does not overwrite deleted rows (see d1-store.ts).
      const mine = [
        'sent_at IS NULL AND substr(dedupe_key, 1, ?) = ?',
        [newsletterMailPrefix(id).length, newsletterMailPrefix(id)],
      ] as const;
      await this.sql.run(
        `UPDATE outbox SET recipient = '', subject = '', body = '', html = NULL, headers = '{}' WHERE ${mine[0]}`,
        mine[1],
      );
      await this.sql.run(`DELETE FROM outbox WHERE ${mine[0]}`, mine[1]);
    }
  }

  async eraseSubscribers(which: { id: string } | { email: string }): Promise<number> {
    await this.beforeWrite();
    const rows =
      'id' in which
        ? await this.sql.all('SELECT id FROM subscribers WHERE id = ?', [which.id])
        : await this.sql.all('SELECT id FROM subscribers WHERE email_key = ?', [emailKey(which.email)]);
    const ids = rows.map((row) => String(row.id));
    if (ids.length === 0) return 0;
    await this.dropUnsentMail(ids);
    // Blanked first, as for comments on D1; email_key takes the id, being unique.
    await this.sql.run(`UPDATE subscribers SET email = '', email_key = id WHERE id IN (${placeholders(ids)})`, ids);
    const erased = await this.sql.run(`DELETE FROM subscribers WHERE id IN (${placeholders(ids)})`, ids);
    await this.afterErase();
    return erased;
  }

  async countSubscribeAttempt(clientHash: string, at: string, since: string): Promise<number> {
    await this.beforeWrite();
    await this.sql.run('DELETE FROM subscribe_attempts WHERE at < ?', [since]);
    // Recorded first, counted after, as sign-in attempts are: the n-th recorded counts at least n.
    await this.sql.run('INSERT INTO subscribe_attempts (client_hash, at) VALUES (?, ?)', [clientHash, at]);
    const row = await this.first('SELECT COUNT(*) AS n FROM subscribe_attempts WHERE client_hash = ? AND at >= ?', [
      clientHash,
      since,
    ]);
    return Number(row?.n ?? 0);
  }

  async beginSend(send: Pick<NewsletterSend, 'key' | 'rhythm' | 'title'>, at: string): Promise<boolean> {
    await this.beforeWrite();
    await this.sql.run(
      'INSERT INTO newsletter_sends (key, rhythm, title, started_at) VALUES (?, ?, ?, ?) ON CONFLICT (key) DO NOTHING',
      [send.key, send.rhythm, send.title.toWellFormed(), at],
    );
    return (await this.sendRecord(send.key))?.completedAt === null;
  }

  async queueSendMails(key: string, mails: readonly NewsletterMail[], at: string): Promise<number> {
    await this.beforeWrite();
    let queued = 0;
    // In one order by key: two runs inserting the same keys at once on PostgreSQL then wait on each other, never deadlock.
    const sorted = [...mails].sort((a, b) => (a.dedupeKey < b.dedupeKey ? -1 : a.dedupeKey > b.dedupeKey ? 1 : 0));
    for (let start = 0; start < sorted.length; start += mailsPerStatement) {
      const chunk = sorted.slice(start, start + mailsPerStatement);
      queued += await this.sql.run(
        `INSERT INTO outbox (dedupe_key, recipient, subject, body, html, headers, created_at, next_attempt_at)
         VALUES ${chunk.map(() => '(?, ?, ?, ?, ?, ?, ?, ?)').join(', ')} ON CONFLICT (dedupe_key) DO NOTHING`,
        chunk.flatMap((mail) => [
          mail.dedupeKey,
          mail.to,
          mail.subject,
          mail.text,
          mail.html,
          JSON.stringify(mail.headers),
          at,
          at,
        ]),
      );
    }
    if (queued > 0) await this.sql.run('UPDATE newsletter_sends SET queued = queued + ? WHERE key = ?', [queued, key]);
    return queued;
  }

  async completeSend(key: string, at: string): Promise<void> {
    await this.beforeWrite();
    await this.sql.run('UPDATE newsletter_sends SET completed_at = ? WHERE key = ? AND completed_at IS NULL', [
      at,
      key,
    ]);
  }

  async sendRecord(key: string): Promise<NewsletterSend | null> {
    const row = await this.first(`SELECT ${sendColumns} FROM newsletter_sends WHERE key = ?`, [key]);
    return row ? toSend(row) : null;
  }

  async recentSends(limit: number): Promise<NewsletterSend[]> {
    const rows = await this.sql.all(
      `SELECT ${sendColumns} FROM newsletter_sends ORDER BY started_at DESC, key LIMIT ?`,
      [limit],
    );
    return rows.map(toSend);
  }
}
