/**
 * What the newsletter keeps, as one more interface of the store (store.ts): subscribers with their
 * double opt-in, the sends made (one per story or daily briefing), and subscription attempts per
 * client for the rate limit. The SQL stores implement it (sql-newsletter.ts); every case is in
 * tests/support/newsletter-contract.ts.
 */
import type { Rhythm } from '../../newsletter/protocol.ts';

export const subscriberStatuses = ['pending', 'confirmed', 'unsubscribed'] as const;
export type SubscriberStatus = (typeof subscriberStatuses)[number];

export interface Subscriber {
  id: string;
  /** The address as first written. */
  email: string;
  rhythm: Rhythm;
  status: SubscriberStatus;
  createdAt: string;
  confirmedAt: string | null;
  unsubscribedAt: string | null;
}

export interface SubscribeRequest {
  /** The id a new subscriber gets (an address already known keeps its own). */
  id: string;
  email: string;
  rhythm: Rhythm;
  at: string;
}

export interface SubscribeResult {
  subscriber: Subscriber;
  /** Whether a confirmation mail is due: a pending address gets at most one per window. */
  sendConfirmation: boolean;
}

export interface SubscriberQuery {
  status: SubscriberStatus | 'all';
  /** Text searched in the address, case-insensitively. */
  search: string | null;
  offset: number;
  limit: number;
}

/** One send: a story to the `story` subscribers, or a day's briefing to the `daily` ones. */
export interface NewsletterSend {
  /** `story:<feed item id>` or `daily:<date>`. */
  key: string;
  rhythm: Rhythm;
  title: string;
  startedAt: string;
  completedAt: string | null;
  /** Mails queued for it, over every run and instance. */
  queued: number;
}

/** A newsletter mail for the outbox: the dedupe key makes queuing it twice a no-op, across instances. */
export interface NewsletterMail {
  to: string;
  subject: string;
  text: string;
  html: string;
  headers: Record<string, string>;
  dedupeKey: string;
}

export interface NewsletterRecords {
  /**
   * Records a subscription: a new address is stored pending; a pending or unsubscribed one is
   * (again) pending with the rhythm asked for; a confirmed one is left as it is. A confirmation is
   * due unless one went to the address after `confirmAgainAfter` (ISO): decided in one atomic step.
   * Addresses are matched folded (email-key.ts).
   */
  subscribe(request: SubscribeRequest, confirmAgainAfter: string): Promise<SubscribeResult>;
  /** Confirms a pending subscriber (a confirmed one stays as it is); null when there is no such subscriber or it unsubscribed since. */
  confirmSubscriber(id: string, at: string): Promise<Subscriber | null>;
  /** Unsubscribes, and drops the newsletter mail not yet sent to them; null when there is no such subscriber. */
  unsubscribeSubscriber(id: string, at: string): Promise<Subscriber | null>;
  subscriber(id: string): Promise<Subscriber | null>;
  /** Subscribers matching a query, newest first, and how many match in all. */
  subscriberList(query: SubscriberQuery): Promise<{ items: Subscriber[]; total: number }>;
  subscriberCounts(): Promise<Record<SubscriberStatus, number>>;
  /** Confirmed subscribers of a rhythm confirmed at or before `confirmedBy`, by id after `afterId`, a page at a time. */
  recipients(rhythm: Rhythm, confirmedBy: string, afterId: string, limit: number): Promise<Subscriber[]>;
  /** Erases subscribers (by id or by folded address) and every unsent mail to them, unrecoverably; returns how many. */
  eraseSubscribers(which: { id: string } | { email: string }): Promise<number>;
  /** Counts a subscription attempt of a client and returns its attempts since `since`, this one included. */
  countSubscribeAttempt(clientHash: string, at: string, since: string): Promise<number>;
  /** Starts (or resumes) a send; false when it was completed before. */
  beginSend(send: Pick<NewsletterSend, 'key' | 'rhythm' | 'title'>, at: string): Promise<boolean>;
  /** Queues mails of a send; returns how many were new (a dedupe key queued before counts nothing). */
  queueSendMails(key: string, mails: readonly NewsletterMail[], at: string): Promise<number>;
  completeSend(key: string, at: string): Promise<void>;
  sendRecord(key: string): Promise<NewsletterSend | null>;
  /** The latest sends, newest first. */
  recentSends(limit: number): Promise<NewsletterSend[]>;
}

/** The outbox's dedupe keys of a subscriber's mails start with this: erasing them finds them all. */
export const newsletterMailPrefix = (subscriberId: string) => `nl:${subscriberId}:`;
