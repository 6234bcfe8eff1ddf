/**
 * The moderation page's HTML, rendered on the server with Hono's html helper (every value is
 * escaped): plain forms that work without JavaScript, a small stylesheet and one optional script
 * (select all), both served by the service itself so that the page's CSP allows nothing else.
 */
import { html, raw } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { statuses, type CommentStatus } from '../../comments/protocol.ts';
import type { Block, QueueItem } from '../store/store.ts';

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

export const adminPageSize = 50;

export interface QueueView {
  status: CommentStatus | 'all';
  article: string;
  search: string;
  page: number;
  total: number;
  items: QueueItem[];
  /** Whether every box starts ticked (the no-JavaScript "Select all"). */
  selectAll: boolean;
  csrf: string;
  notice: string | null;
  titleOf: (article: string) => string;
  urlOf: (article: string, commentId?: string) => string | null;
  /** The site's rebuild after moderation ("Site rebuild requested at …"), or null without a deploy hook. */
  rebuild: string | null;
}

const statusLabels: Record<CommentStatus | 'all', string> = {
  pending: 'Waiting',
  approved: 'Approved',
  rejected: 'Rejected',
  spam: 'Spam',
  all: 'All',
};

export function layout(title: string, body: Html, signedIn: { csrf: string } | null = null): Html {
  return html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} · Comment moderation</title>
<link rel="stylesheet" href="/admin/admin.css">
<script src="/admin/admin.js" defer></script>
</head>
<body>
<header class="bar">
  <p class="brand">Comment moderation</p>
  ${
    signedIn
      ? html`<nav aria-label="Moderation"><a href="/admin/">Queue</a> <a href="/admin/blocks">Blocked senders</a> <a href="/admin/newsletter">Newsletter</a>
  <form method="post" action="/admin/logout" class="inline"><input type="hidden" name="csrf" value="${signedIn.csrf}">
  <button type="submit" class="link">Sign out</button></form></nav>`
      : ''
  }
</header>
<main id="main">
${body}
</main>
</body>
</html>`;
}

export function signInPage(message: string | null, csrf: string): Html {
  return layout(
    'Sign in',
    html`<h1>Sign in</h1>
${message ? html`<p class="notice error" role="alert">${message}</p>` : ''}
<form method="post" action="/admin/login" class="card stack">
  <input type="hidden" name="csrf" value="${csrf}">
  <div class="field">
    <label for="token">Admin token</label>
    <input id="token" name="token" type="password" autocomplete="current-password" required spellcheck="false">
  </div>
  <button type="submit" class="primary">Sign in</button>
</form>
<p class="hint">The token is COMMENTS_ADMIN_TOKEN, or the file admin-token beside the database.</p>`,
  );
}

const dateFormat = new Intl.DateTimeFormat('en-GB', { dateStyle: 'medium', timeStyle: 'short', timeZone: 'UTC' });
export const shownDate = (iso: string) => `${dateFormat.format(new Date(iso))} UTC`;

function queryString(
  view: Pick<QueueView, 'status' | 'article' | 'search'>,
  extra: Record<string, string | number> = {},
): string {
  const params = new URLSearchParams();
  params.set('status', view.status);
  if (view.article) params.set('article', view.article);
  if (view.search) params.set('q', view.search);
  for (const [key, value] of Object.entries(extra)) params.set(key, String(value));
  return `?${params}`;
}

/** What a reply answers (inside a pre-wrap quote: no whitespace between the paragraphs). */
const inReplyTo = (replyTo: NonNullable<QueueItem['replyTo']>) =>
  html`<p class="meta">In reply to <strong>${replyTo.name}</strong>:</p><p>${replyTo.comment}</p>`;

function item(comment: QueueItem, view: QueueView): Html {
  const url = view.urlOf(comment.article);
  const title = view.titleOf(comment.article);
  const label = `comment by ${comment.name}`;
  const rowButton = (action: string, text: string) =>
    html`<button type="submit" name="act" value="${action}:${comment.id}" aria-label="${text} ${label}">${text}</button>`;
  return html`<li class="item card" id="c-${comment.id}">
  <div class="item-head">
    <input type="checkbox" name="id" value="${comment.id}" id="pick-${comment.id}" ${view.selectAll ? raw('checked') : ''}>
    <label for="pick-${comment.id}"><strong>${comment.name}</strong> <span class="visually-hidden">select this comment</span></label>
    <span class="status status-${comment.status}">${statusLabels[comment.status]}</span>
  </div>
  <p class="meta">On ${url ? html`<a href="${url}">${title}</a>` : title}
    (<a href="${queryString({ ...view, article: comment.article })}">only this article</a>) ·
    <time datetime="${comment.createdAt}">${shownDate(comment.createdAt)}</time></p>
  <dl class="meta who">
    <dt>E-mail</dt><dd>${comment.email ? html`<a href="mailto:${comment.email}">${comment.email}</a>` : '(none)'}${
      comment.notify ? ' · wants replies by e-mail' : ''
    }</dd>
    <dt>Website</dt><dd>${comment.website ? html`<a href="${comment.website}" rel="nofollow noopener noreferrer">${comment.website}</a>` : '(none)'}</dd>
    <dt>Sender</dt><dd>${comment.clientHash ? html`<code>${comment.clientHash.slice(0, 12)}</code>` : '(forgotten)'}</dd>
  </dl>
  ${comment.replyTo ? html`<blockquote class="reply-to">${inReplyTo(comment.replyTo)}</blockquote>` : ''}
  <p class="text">${comment.comment}</p>
  <div class="actions">
    ${comment.status !== 'approved' ? rowButton('approve', 'Approve') : ''}
    ${comment.status !== 'rejected' ? rowButton('reject', 'Reject') : ''}
    ${comment.status !== 'spam' ? rowButton('spam', 'Spam') : ''}
    ${rowButton('delete', 'Delete')}
    ${comment.email ? rowButton('block-email', 'Block e-mail') : ''}
    ${comment.clientHash ? rowButton('block-client', 'Block sender') : ''}
  </div>
</li>`;
}

export function queuePage(view: QueueView): Html {
  const pages = Math.max(1, Math.ceil(view.total / adminPageSize));
  const first = view.total === 0 ? 0 : (view.page - 1) * adminPageSize + 1;
  const last = Math.min(view.total, view.page * adminPageSize);
  const here = queryString(view, view.page > 1 ? { page: view.page } : {});
  return layout(
    `${statusLabels[view.status]} comments`,
    html`<h1>${statusLabels[view.status]} comments</h1>
${view.notice ? html`<p class="notice" role="status">${view.notice}</p>` : ''}
${view.rebuild ? html`<p class="hint" id="rebuild">${view.rebuild}</p>` : ''}
<form method="get" action="/admin/" class="filters card" role="search" aria-label="Filter comments">
  <div class="field"><label for="f-status">Status</label>
    <select id="f-status" name="status">${[...statuses, 'all' as const].map(
      (status) =>
        html`<option value="${status}" ${status === view.status ? raw('selected') : ''}>${statusLabels[status]}</option>`,
    )}</select></div>
  <div class="field"><label for="f-article">Article id</label><input id="f-article" name="article" value="${view.article}" spellcheck="false"></div>
  <div class="field"><label for="f-q">Search text</label><input id="f-q" name="q" type="search" value="${view.search}"></div>
  <button type="submit">Show</button>
</form>
<p class="count" id="count">${view.total === 0 ? 'No comments match.' : `${first}–${last} of ${view.total}`}</p>
${
  view.items.length === 0
    ? ''
    : html`<form method="post" action="/admin/act" class="queue" aria-describedby="count">
  <input type="hidden" name="csrf" value="${view.csrf}">
  <input type="hidden" name="return" value="${here}">
  <div class="toolbar card" role="group" aria-label="Selected comments">
    <a href="${queryString(view, { page: view.page, select: view.selectAll ? 'none' : 'all' })}" class="select-all" data-select-all
      >${view.selectAll ? 'Select none' : 'Select all'}</a>
    <button type="submit" name="act" value="approve" class="primary">Approve selected</button>
    <button type="submit" name="act" value="reject">Reject</button>
    <button type="submit" name="act" value="spam">Spam</button>
    <button type="submit" name="act" value="delete">Delete</button>
  </div>
  <ol class="items">${view.items.map((comment) => item(comment, view))}</ol>
</form>`
}
${
  pages > 1
    ? html`<nav class="pager" aria-label="Pages">
  ${view.page > 1 ? html`<a href="${queryString(view, { page: view.page - 1 })}" rel="prev">Newer</a>` : ''}
  <span>Page ${view.page} of ${pages}</span>
  ${view.page < pages ? html`<a href="${queryString(view, { page: view.page + 1 })}" rel="next">Older</a>` : ''}
</nav>`
    : ''
}`,
    { csrf: view.csrf },
  );
}

export function confirmDeletePage(ids: string[], csrf: string, returnTo: string): Html {
  return layout(
    'Delete comments',
    html`<h1>Delete ${ids.length} comment${ids.length === 1 ? '' : 's'}?</h1>
<p>Deleting cannot be undone; replies to them are deleted too.</p>
<form method="post" action="/admin/act" class="card stack">
  <input type="hidden" name="csrf" value="${csrf}">
  <input type="hidden" name="return" value="${returnTo}">
  <input type="hidden" name="confirm" value="1">
  ${ids.map((id) => html`<input type="hidden" name="id" value="${id}">`)}
  <button type="submit" name="act" value="delete" class="danger">Delete for good</button>
  <a href="/admin/${returnTo}">Keep them</a>
</form>`,
    { csrf },
  );
}

export function blocksPage(blocks: Block[], csrf: string, notice: string | null): Html {
  return layout(
    'Blocked senders',
    html`<h1>Blocked senders</h1>
<p>New comments from a blocked e-mail address or sender go straight to spam.</p>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
<form method="post" action="/admin/blocks" class="card stack">
  <input type="hidden" name="csrf" value="${csrf}">
  <div class="field"><label for="b-email">Block an e-mail address</label><input id="b-email" name="email" type="email" required></div>
  <button type="submit">Block</button>
</form>
${
  blocks.length === 0
    ? html`<p>Nobody is blocked.</p>`
    : html`<ul class="items">${blocks.map(
        (block) => html`<li class="card block-row">
  <span>${block.kind === 'email' ? 'E-mail' : 'Sender'}: <code>${block.kind === 'client' ? block.value.slice(0, 12) : block.value}</code>,
    since ${shownDate(block.createdAt)}</span>
  <form method="post" action="/admin/blocks/remove" class="inline">
    <input type="hidden" name="csrf" value="${csrf}"><input type="hidden" name="kind" value="${block.kind}">
    <input type="hidden" name="value" value="${block.value}">
    <button type="submit" aria-label="Unblock ${block.kind === 'email' ? block.value : `sender ${block.value.slice(0, 12)}`}">Unblock</button>
  </form>
</li>`,
      )}</ul>`
}`,
    { csrf },
  );
}

/** A page answering a link from an e-mail: the question and one button, or the outcome. */
export function mailLinkPage(title: string, body: Html): Html {
  return layout(title, html`<h1>${title}</h1>${body}`);
}

export const adminStyles = `
*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:16px/1.5 system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;color:#1a1a1a;background:#f3f2ef}
a{color:#0b4f9c}
.bar{display:flex;flex-wrap:wrap;gap:.5rem 1rem;align-items:center;justify-content:space-between;padding:.6rem 1rem;background:#1a1a1a;color:#fff}
.bar a,.bar .link{color:#fff}
.bar nav{display:flex;flex-wrap:wrap;gap:.25rem 1rem;align-items:center}
.brand{margin:0;font-weight:700}
main{max-width:60rem;margin:0 auto;padding:1rem}
h1{font-size:1.5rem;margin:.25rem 0 1rem}
.card{background:#fff;border:1px solid #d5d3cd;border-radius:4px;padding:.75rem}
.stack{display:grid;gap:.75rem;max-width:28rem}
.field{display:grid;gap:.2rem}
label{font-weight:600}
input,select,button{font:inherit}
input[type=password],input[type=email],input[type=search],input:not([type]),select{
width:100%;padding:.5rem;border:1px solid #6b6b6b;border-radius:3px;background:#fff;color:inherit}
button,.select-all{display:inline-block;min-height:44px;padding:.5rem .8rem;
border:1px solid #6b6b6b;border-radius:3px;background:#fff;color:#1a1a1a;cursor:pointer;text-decoration:none}
button.primary{background:#0b4f9c;border-color:#0b4f9c;color:#fff;font-weight:700}
button.danger{background:#a4161a;border-color:#a4161a;color:#fff;font-weight:700}
button.link{min-height:0;padding:0;border:0;background:none;text-decoration:underline}
:focus-visible{outline:3px solid #e09f00;outline-offset:2px}
.inline{display:inline}
.filters{display:grid;gap:.6rem;grid-template-columns:repeat(auto-fit,minmax(12rem,1fr));align-items:end;margin-bottom:1rem}
.toolbar{position:sticky;top:0;z-index:1;display:flex;flex-wrap:wrap;gap:.4rem;align-items:center;margin-bottom:.75rem}
.items{list-style:none;margin:0;padding:0;display:grid;gap:.75rem}
.item-head{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center}
.item-head input{width:1.5rem;height:1.5rem;margin:0}
.status{margin-left:auto;font-size:.85rem;padding:.1rem .5rem;border-radius:1rem;background:#e8e6e1}
.status-pending{background:#fff1c2}.status-approved{background:#d4edda}.status-spam,.status-rejected{background:#f8d7da}
.meta{margin:.25rem 0;font-size:.9rem;color:#4a4a4a}
.who{display:grid;grid-template-columns:auto 1fr;gap:.2rem .75rem}
.who a,.meta a{display:inline-block;min-height:24px;line-height:24px}
.who dt{font-weight:600}.who dd{margin:0;overflow-wrap:anywhere}
.text{white-space:pre-wrap;overflow-wrap:anywhere;margin:.5rem 0}
.reply-to{margin:.5rem 0;padding:.25rem .75rem;border-left:4px solid #bdbab3;background:#f7f6f3;white-space:pre-wrap;overflow-wrap:anywhere}
.reply-to p{margin:.2rem 0}
.actions{display:flex;flex-wrap:wrap;gap:.4rem}
.notice{padding:.6rem .8rem;border-left:4px solid #0b4f9c;background:#fff;font-weight:600}
.notice.error{border-color:#a4161a}
.pager{display:flex;gap:1rem;align-items:center;justify-content:center;margin:1rem 0}
.count,.hint{color:#4a4a4a}
.block-row{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;justify-content:space-between;overflow-wrap:anywhere}
code{overflow-wrap:anywhere}
.visually-hidden{position:absolute;width:1px;height:1px;margin:-1px;padding:0;overflow:hidden;clip:rect(0 0 0 0);border:0;white-space:nowrap}
`;

/** "Select all" in place, without a page load; without JavaScript it is a link that reloads with every box ticked. */
export const adminScript = `
document.addEventListener('click', function (event) {
  var link = event.target.closest && event.target.closest('[data-select-all]');
  if (!link) return;
  event.preventDefault();
  var boxes = Array.prototype.slice.call(document.querySelectorAll('input[name=id][type=checkbox]'));
  var all = boxes.length > 0 && boxes.every(function (box) { return box.checked; });
  boxes.forEach(function (box) { box.checked = !all; });
  link.textContent = all ? 'Select all' : 'Select none';
});
`;
