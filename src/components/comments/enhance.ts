/**
 * Progressive enhancement of the comment form (loaded only on article pages): submits with
 * fetch through the configured provider, shows the outcome inline, keeps the text on failure,
 * shows server errors field by field, remembers the author on request, handles replies, and
 * adds comments approved since the build. Without it the form still posts as plain HTML.
 */
import { provider } from 'virtual:meridian/comment-provider';
import { fieldMessages, statusMessages } from '../../comments/messages.ts';
import { elapsedField, idempotencyField, notifyField, type PublicComment } from '../../comments/protocol.ts';
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

/** Fills in the author fields saved on an earlier visit, if the reader asked to be remembered. */
function restoreAuthor(control: (field: FormField) => Control | null, remember: HTMLInputElement): void {
  try {
    const saved = JSON.parse(localStorage.getItem(rememberKey) ?? 'null') as Record<string, string> | null;
    if (!saved) return;
    for (const field of rememberedFields) {
      const input = control(field);
      if (input && typeof saved[field] === 'string') input.value = saved[field];
    }
    remember.checked = true;
  } catch {
    // Storage unavailable or unreadable: nothing remembered.
  }
}

/** Saves the author fields for next time, or forgets them. */
function saveAuthor(remember: boolean, value: (field: FormField) => string): void {
  try {
    if (remember) {
      localStorage.setItem(rememberKey, JSON.stringify(Object.fromEntries(rememberedFields.map((f) => [f, value(f)]))));
    } else {
      localStorage.removeItem(rememberKey);
    }
  } catch {
    // Private mode: not remembered.
  }
}

/**
 * After a form post without the script: ?comment=invalid&error.name=... Only the service's own
 * messages are shown: the query is anyone's to write, so other text becomes the field's usual message.
 */
function errorsFromQuery(query: URLSearchParams): Record<string, string | undefined> | undefined {
  if (query.get('comment') !== 'invalid') return undefined;
  const messageFor = (field: (typeof visibleFields)[number]) => {
    const text = query.get(`error.${field}`);
    if (text === null) return undefined;
    return knownMessages.has(text) ? text : fieldMessages[field];
  };
  return Object.fromEntries(visibleFields.map((field) => [field, messageFor(field)]));
}

/** The status line for a refused post that named no field outside the form. */
function failureMessage(outcome: { fields?: Record<string, string>; message?: string }): string {
  const invalid = outcome.fields && Object.keys(outcome.fields).length > 0;
  return invalid ? statusMessages.invalid : (outcome.message ?? statusMessages.error);
}

/** A list item for one comment, from the page's template. */
function commentItem(template: HTMLTemplateElement, comment: PublicComment): HTMLElement {
  const $ = <T extends Element>(selector: string, root: ParentNode) => root.querySelector<T>(selector)!;
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
  return item;
}

/** Adds a comment to the list (as a reply under its parent) unless the page shows it already, and counts it. */
function appendComment(comment: PublicComment): void {
  const list = document.querySelector<HTMLElement>('[data-comment-list]');
  const template = document.querySelector<HTMLTemplateElement>('[data-comment-template]');
  const counter = document.querySelector<HTMLElement>('[data-comment-count]');
  if (!list || !template || document.getElementById(`comment-${comment.id}`)) return;
  const item = commentItem(template, comment);
  const parentItem = comment.parent ? document.getElementById(`comment-${comment.parent}`)?.closest('li') : null;
  (parentItem?.querySelector('ol') ?? list).append(item);
  if (counter) {
    const count = Number(counter.dataset.commentCount) + 1;
    counter.dataset.commentCount = String(count);
    counter.textContent = countLabel(count);
  }
}

/** Fetches the approved comments and adds those the page does not show yet. */
async function refreshComments(listUrl: string | undefined): Promise<void> {
  if (!listUrl) return;
  try {
    const response = await fetch(listUrl, { headers: { Accept: 'application/json' }, cache: 'no-cache' });
    if (response.ok) ((await response.json()) as { comments: PublicComment[] }).comments.forEach(appendComment);
  } catch {
    // The comments in the page are enough.
  }
}

/** Comments approved since the build: fetched when the reader comes near the comments, not on every page view. */
function watchForNewComments(listUrl: string | undefined): void {
  const section = document.querySelector('[data-comments]');
  if (!section || !listUrl) return;
  const observer = new IntersectionObserver(
    (entries) => {
      if (!entries.some((entry) => entry.isIntersecting)) return;
      observer.disconnect();
      void refreshComments(listUrl);
    },
    { rootMargin: '200px' },
  );
  observer.observe(section);
}

/** Marks fields; returns messages for fields that have no place in the form (article, parent). */
function markErrors(
  form: HTMLFormElement,
  control: (field: FormField) => Control | null,
  fields: Record<string, string | undefined>,
): string[] {
  let first: Control | null = null;
  for (const field of visibleFields) {
    const message = fields[field] ?? '';
    form.querySelector<HTMLElement>(`[data-error="${field}"]`)!.textContent = message;
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
}

/** Moves the form under the comment a reply button belongs to, set to reply to it. */
function startReply(form: HTMLFormElement, button: HTMLButtonElement, comment: Control | null): void {
  form.querySelector<HTMLInputElement>('[data-parent]')!.value = button.dataset.replyTo ?? '';
  form.querySelector('[data-replying-text]')!.textContent = `Replying to ${button.dataset.replyName}`;
  form.querySelector<HTMLElement>('[data-replying]')!.hidden = false;
  button.closest('li')!.append(form);
  comment?.focus();
}

export function enhanceCommentForm(): void {
  const form = document.querySelector<HTMLFormElement>('form[data-comment-form]');
  if (!form || !provider.accepts) return;
  form.noValidate = true;
  const $ = <T extends Element>(selector: string, root: ParentNode = form) => root.querySelector<T>(selector)!;
  const control = (field: FormField) => form.elements.namedItem(provider.fieldNames[field]) as Control | null;
  const status = $<HTMLElement>('[data-status]');
  const submit = $<HTMLButtonElement>('[type=submit]');
  const remember = $<HTMLInputElement>('[data-remember]');
  const home = form.parentElement!;
  const homeNext = form.nextSibling;

  const setStatus = (text: string, error = false) => {
    status.textContent = text;
    status.classList.toggle('is-error', error);
  };

  const showErrors = (fields: Record<string, string | undefined>) => markErrors(form, control, fields);

  restoreAuthor(control, remember);

  const keyInput = form.elements.namedItem(idempotencyField) as HTMLInputElement | null;
  if (keyInput) keyInput.value = newIdempotencyKey();
  const elapsedInput = form.elements.namedItem(elapsedField) as HTMLInputElement | null;
  const notifyInput = form.elements.namedItem(notifyField) as HTMLInputElement | null;

  const queryErrors = errorsFromQuery(new URLSearchParams(location.search));
  if (queryErrors) showErrors(queryErrors);

  const endReply = () => {
    $<HTMLInputElement>('[data-parent]').value = '';
    $<HTMLElement>('[data-replying]').hidden = true;
    if (form.parentElement !== home) home.insertBefore(form, homeNext);
  };
  $('[data-cancel-reply]').addEventListener('click', () => {
    endReply();
    control('comment')?.focus();
  });
  document.querySelectorAll<HTMLButtonElement>('[data-reply-to]').forEach((button) => {
    button.hidden = false;
    button.addEventListener('click', () => startReply(form, button, control('comment')));
  });

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
    saveAuthor(remember.checked, value);
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
        if (outcome.status === 'approved') await refreshComments(form.dataset.list);
      } else {
        const other = showErrors(outcome.fields ?? {});
        setStatus(other[0] ?? failureMessage(outcome), true);
      }
    } catch {
      setStatus(statusMessages.error, true);
    } finally {
      submit.disabled = false;
    }
  });

  watchForNewComments(form.dataset.list);
}
