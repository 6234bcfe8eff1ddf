/**
 * Progressive enhancement of the comment form (loaded only on article pages): submits with
 * fetch through the configured provider, shows the outcome inline, keeps the text on failure,
 * shows server errors field by field, remembers the author on request, handles replies, and
 * adds comments approved since the build. Without it the form still posts as plain HTML.
 */
import { provider } from 'virtual:meridian/comment-provider';
import { fieldMessages, statusMessages } from '../../comments/messages.ts';
import {
  elapsedField,
  idempotencyField,
  notifyField,
  type ListResponse,
  type PublicComment,
} from '../../comments/protocol.ts';
import type { FormField } from '../../comments/providers/types.ts';
import { countLabel, paragraphs, safeWebsite } from '../../comments/thread.ts';
import { validateComment } from '../../comments/validation.ts';
import { formatDate } from '../../utils/dates.ts';

const rememberKey = 'meridian-comment-author';
const visibleFields = ['comment', 'name', 'email', 'website'] as const;
const rememberedFields = ['name', 'email', 'website'] as const;
type Control = HTMLInputElement | HTMLTextAreaElement;
/** Messages a failed form post may bring back in the query; any other text there is not shown. */
const knownMessages = new Set<string>(Object.values(fieldMessages));

/** A key for one comment, the same on every retry of it (getRandomValues works outside secure contexts too). */
const newIdempotencyKey = () =>
  Array.from(crypto.getRandomValues(new Uint8Array(16)), (byte) => byte.toString(16).padStart(2, '0')).join('');

// One closure over the form's elements: split into module-level steps that pass them around, the script
// grew past the page's 4 KB (gzip) budget for enhancement JavaScript (tests/e2e/perf/budgets.test.ts).
// eslint-disable-next-line max-lines-per-function
export function enhanceCommentForm(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-comment-form]');
  if (!form || !provider.accepts) return;
  form.noValidate = true;
  const $ = <T extends Element>(selector: string, root: ParentNode = form) => root.querySelector<T>(selector)!;
  const control = (field: FormField) => form.elements.namedItem(provider.fieldNames[field]) as Control | null;
  const status = $<HTMLElement>('[data-status]');
  const submit = $<HTMLButtonElement>('[type=submit]');
  const remember = $<HTMLInputElement>('[data-remember]');
  const parentInput = $<HTMLInputElement>('[data-parent]');
  const replying = $<HTMLElement>('[data-replying]');
  const home = form.parentElement!;
  const homeNext = form.nextSibling;

  const setStatus = (text: string, error = false) => {
    status.textContent = text;
    status.classList.toggle('is-error', error);
  };

  /** Marks fields; returns messages for fields that have no place in the form (article, parent). */
  const showErrors = (fields: Record<string, string | undefined>): string[] => {
    let first: Control | null = null;
    for (const field of visibleFields) {
      const message = fields[field] ?? '';
      $<HTMLElement>(`[data-error="${field}"]`).textContent = message;
      const input = control(field);
      if (!input) continue;
      if (message) input.setAttribute('aria-invalid', 'true');
      else input.removeAttribute('aria-invalid');
      if (message && !first) first = input;
    }
    first?.focus();
    return Object.entries(fields)
      .filter(([field, message]) => message && !(visibleFields as readonly string[]).includes(field))
      .map(([, message]) => message!);
  };

  try {
    const saved = JSON.parse(localStorage.getItem(rememberKey) ?? 'null') as Record<string, string> | null;
    if (saved) {
      for (const field of rememberedFields) {
        const input = control(field);
        if (input && typeof saved[field] === 'string') input.value = saved[field];
      }
      remember.checked = true;
    }
  } catch {
    // Storage unavailable or unreadable: nothing remembered.
  }

  const keyInput = form.elements.namedItem(idempotencyField) as HTMLInputElement | null;
  if (keyInput) keyInput.value = newIdempotencyKey();
  const elapsedInput = form.elements.namedItem(elapsedField) as HTMLInputElement | null;
  const notifyInput = form.elements.namedItem(notifyField) as HTMLInputElement | null;

  // After a form post without the script: ?comment=invalid&error.name=... Only the service's own
  // messages are shown: the query is anyone's to write, so other text becomes the field's usual message.
  const query = new URLSearchParams(location.search);
  if (query.get('comment') === 'invalid') {
    const messageFor = (field: (typeof visibleFields)[number]) => {
      const text = query.get(`error.${field}`);
      if (text === null) return undefined;
      return knownMessages.has(text) ? text : fieldMessages[field];
    };
    showErrors(Object.fromEntries(visibleFields.map((field) => [field, messageFor(field)])));
  }

  const endReply = () => {
    parentInput.value = '';
    replying.hidden = true;
    if (form.parentElement !== home) home.insertBefore(form, homeNext);
  };
  $('[data-cancel-reply]').addEventListener('click', () => {
    endReply();
    control('comment')?.focus();
  });
  const enableReply = (button: HTMLButtonElement) => {
    button.hidden = false;
    button.addEventListener('click', () => {
      parentInput.value = button.dataset.replyTo ?? '';
      $('[data-replying-text]').textContent = `Replying to ${button.dataset.replyName}`;
      replying.hidden = false;
      button.closest('li')!.append(form);
      control('comment')?.focus();
    });
  };
  document.querySelectorAll<HTMLButtonElement>('[data-reply-to]').forEach(enableReply);

  const list = document.querySelector<HTMLElement>('[data-comment-list]');
  const template = document.querySelector<HTMLTemplateElement>('[data-comment-template]');
  const counter = document.querySelector<HTMLElement>('[data-comment-count]');
  const addComment = (comment: PublicComment) => {
    if (!list || !template || document.getElementById(`comment-${comment.id}`)) return;
    const item = template.content.firstElementChild!.cloneNode(true) as HTMLElement;
    const card = $<HTMLElement>('[data-comment-id]', item);
    card.id = `comment-${comment.id}`;
    card.dataset.commentId = comment.id;
    const author = $<HTMLElement>('.comment-author', item);
    const website = safeWebsite(comment.website);
    if (website) {
      const link = document.createElement('a');
      link.href = website;
      link.rel = 'nofollow ugc noopener';
      link.textContent = comment.name;
      author.replaceChildren(link);
    } else {
      author.textContent = comment.name;
    }
    const date = new Date(comment.createdAt);
    const time = $<HTMLTimeElement>('time', item);
    time.dateTime = date.toISOString();
    time.textContent = formatDate(date);
    $<HTMLAnchorElement>('.comment-date', item).href = `#comment-${comment.id}`;
    $<HTMLElement>('.comment-body', item).replaceChildren(
      ...paragraphs(comment.comment).map((lines) => {
        const p = document.createElement('p');
        lines.forEach((line, index) => p.append(...(index ? [document.createElement('br')] : []), line));
        return p;
      }),
    );
    const parentItem = comment.parent ? document.getElementById(`comment-${comment.parent}`)?.closest('li') : null;
    (parentItem?.querySelector('ol') ?? list).append(item);
    if (counter) {
      const count = Number(counter.dataset.commentCount) + 1;
      counter.dataset.commentCount = String(count);
      counter.textContent = countLabel(count);
    }
  };
  // The service answers a page of the thread at a time, oldest first; `next` is the cursor of the page after.
  let next: string | null = null;
  // In the page, hidden until a page of the thread says there is more.
  const more = document.querySelector<HTMLButtonElement>('[data-comments-more]')!;
  const loadPage = async () => {
    const url = new URL(form.dataset.list!, location.href);
    if (next) url.searchParams.set('cursor', next);
    try {
      const response = await fetch(url, { headers: { Accept: 'application/json' }, cache: 'no-cache' });
      if (!response.ok) return false;
      const page = (await response.json()) as ListResponse;
      page.comments.forEach(addComment);
      next = page.next ?? null;
      more.hidden = next === null;
      return next !== null;
    } catch {
      return false; // The comments in the page are enough.
    }
  };
  more.addEventListener('click', () => void loadPage());
  /** Reads on to the newest page (a comment just approved is there), at most 20 pages. */
  const refresh = async () => {
    if (!form.dataset.list) return;
    for (let page = 0; page < 20 && (await loadPage()); page++);
  };

  // eslint-disable-next-line complexity -- the submit steps in order, kept in the closure for the same budget.
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const value = (field: FormField) => control(field)?.value ?? '';
    const check = validateComment({
      article: form.dataset.article,
      comment: value('comment'),
      name: value('name'),
      email: value('email'),
      website: value('website'),
      parent: value('parent'),
      notify: notifyInput?.checked ? 'on' : '',
    });
    if (!check.ok) {
      const other = showErrors(check.fields);
      setStatus(other[0] ?? statusMessages.invalid, true);
      return;
    }
    showErrors({});
    try {
      if (remember.checked) {
        localStorage.setItem(
          rememberKey,
          JSON.stringify(Object.fromEntries(rememberedFields.map((f) => [f, value(f)]))),
        );
      } else {
        localStorage.removeItem(rememberKey);
      }
    } catch {
      // Private mode: not remembered.
    }
    setStatus(statusMessages.sending);
    submit.disabled = true;
    // How long the reader has had the page, by their own clock: the service refuses posts too quick for a person.
    if (elapsedInput) elapsedInput.value = String(Math.round(performance.now()));
    try {
      const { url, init } = provider.request(form.action, new FormData(form));
      const outcome = await provider.read(await fetch(url, init));
      if (outcome.ok) {
        control('comment')!.value = '';
        if (keyInput) keyInput.value = newIdempotencyKey();
        endReply();
        setStatus(statusMessages[outcome.status]);
        if (outcome.status === 'approved') await refresh();
      } else {
        const other = showErrors(outcome.fields ?? {});
        const invalid = outcome.fields && Object.keys(outcome.fields).length > 0;
        setStatus(other[0] ?? (invalid ? statusMessages.invalid : (outcome.message ?? statusMessages.error)), true);
      }
    } catch {
      setStatus(statusMessages.error, true);
    } finally {
      submit.disabled = false;
    }
  });

  // Comments approved since the build: fetched when the reader comes near the comments, not on every page view.
  const section = document.querySelector('[data-comments]');
  if (section && form.dataset.list) {
    const observer = new IntersectionObserver(
      (entries) => {
        if (!entries.some((entry) => entry.isIntersecting)) return;
        observer.disconnect();
        void loadPage();
      },
      { rootMargin: '200px' },
    );
    observer.observe(section);
  }
}
