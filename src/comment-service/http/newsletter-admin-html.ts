/**
 * The moderation page's newsletter section (/admin/newsletter): subscriber counts by status, the
 * subscribers a page at a time (filtered, searched) with a button to remove each, the latest sends
 * and their counts, the CSV export, and erasing an address. Rendered like the rest of the page
 * (moderation-html.ts): plain forms, every value escaped.
 */
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import {
  subscriberStatuses,
  type NewsletterSend,
  type Subscriber,
  type SubscriberStatus,
} from '../store/newsletter-records.ts';
import { layout, shownDate } from './moderation-html.ts';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export const subscriberPageSize = 50;

export interface NewsletterView {
  counts: Record<SubscriberStatus, number>;
  status: SubscriberStatus | 'all';
  search: string;
  page: number;
  total: number;
  subscribers: Subscriber[];
  sends: NewsletterSend[];
  csrf: string;
  notice: string | null;
  /** Why subscriptions are closed, or null when they are open. */
  closedReason: string | null;
}

const statusLabels: Record<SubscriberStatus | 'all', string> = {
  all: 'All',
  pending: 'Pending',
  confirmed: 'Confirmed',
  unsubscribed: 'Unsubscribed',
};

function subscriberRow(subscriber: Subscriber, csrf: string, back: string): Html {
  const since = subscriber.confirmedAt ?? subscriber.createdAt;
  return html`<li class="card block-row">
  <span><strong>${subscriber.email}</strong>, ${statusLabels[subscriber.status].toLowerCase()}
    (${subscriber.rhythm === 'daily' ? 'daily briefing' : 'every story'}), since ${shownDate(since)}</span>
  <form method="post" action="/admin/newsletter/remove" class="inline">
    <input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="id" value="${subscriber.id}">
    <input type="hidden" name="return" value="${back}">
    <button type="submit" class="danger" aria-label="Remove ${subscriber.email}">Remove</button>
  </form>
</li>`;
}

function sendsList(sends: NewsletterSend[]): Html {
  if (sends.length === 0) return html`<p>Nothing has been sent yet.</p>`;
  return html`<ul class="items">${sends.map(
    (send) => html`<li class="card">${send.rhythm === 'daily' ? 'Briefing' : 'Story'}: <strong>${send.title}</strong>,
  ${send.queued} mail${send.queued === 1 ? '' : 's'}, ${send.completedAt ? `done ${shownDate(send.completedAt)}` : 'in progress'}</li>`,
  )}</ul>`;
}

function pager(view: NewsletterView, query: (page: number) => string): Html {
  const last = Math.max(1, Math.ceil(view.total / subscriberPageSize));
  if (last === 1) return html``;
  return html`<nav aria-label="Subscriber pages" class="toolbar">
  ${view.page > 1 ? html`<a href="/admin/newsletter?${query(view.page - 1)}">Previous</a>` : ''}
  <span>Page ${view.page} of ${last}</span>
  ${view.page < last ? html`<a href="/admin/newsletter?${query(view.page + 1)}">Next</a>` : ''}
</nav>`;
}

export function newsletterAdminPage(view: NewsletterView): Html {
  const query = (page: number) =>
    new URLSearchParams({ status: view.status, q: view.search, page: String(page) }).toString();
  const back = `?${query(view.page)}`;
  return layout(
    'Newsletter',
    html`<h1>Newsletter</h1>
${view.closedReason ? html`<p class="notice error">Subscriptions are closed: ${view.closedReason}.</p>` : ''}
${view.notice ? html`<p class="notice" role="status">${view.notice}</p>` : ''}
<p>${subscriberStatuses.map((status) => `${statusLabels[status]}: ${view.counts[status]}`).join(' · ')}
  · <a href="/admin/newsletter.csv">Export all subscribers (CSV)</a></p>
<form method="get" action="/admin/newsletter" class="filters">
  <div class="field"><label for="n-status">Status</label><select id="n-status" name="status">
  ${(['all', ...subscriberStatuses] as const).map(
    (status) =>
      html`<option value="${status}" ${status === view.status ? 'selected' : ''}>${statusLabels[status]}</option>`,
  )}</select></div>
  <div class="field"><label for="n-search">Address contains</label><input id="n-search" name="q" type="search" value="${view.search}"></div>
  <button type="submit">Show</button>
</form>
<h2>Subscribers (${view.total})</h2>
${
  view.subscribers.length === 0
    ? html`<p>No subscribers match.</p>`
    : html`<ul class="items">${view.subscribers.map((s) => subscriberRow(s, view.csrf, back))}</ul>`
}
${pager(view, query)}
<h2>Latest sends</h2>
${sendsList(view.sends)}
<h2>Erase an address</h2>
<form method="post" action="/admin/newsletter/erase" class="card stack">
  <input type="hidden" name="csrf" value="${view.csrf}">
  <p>Deletes the subscriber and every mail not yet sent to them, unrecoverably (a privacy request). Comments are erased on their own.</p>
  <div class="field"><label for="n-erase">E-mail address</label><input id="n-erase" name="email" type="email" required></div>
  <button type="submit" class="danger">Erase</button>
</form>`,
    { csrf: view.csrf },
  );
}

/** One CSV field: quoted, quotes doubled, and a leading =, +, - or @ defused for spreadsheets. */
const csvField = (value: string | null) => {
  const text = value ?? '';
  return `"${(/^[=+\-@\t\r]/.test(text) ? `'${text}` : text).replace(/"/g, '""')}"`;
};

export const csvHeader = 'email,status,rhythm,subscribed_at,confirmed_at,unsubscribed_at\r\n';

export const csvRow = (s: Subscriber) =>
  `${[s.email, s.status, s.rhythm, s.createdAt, s.confirmedAt, s.unsubscribedAt].map(csvField).join(',')}\r\n`;
