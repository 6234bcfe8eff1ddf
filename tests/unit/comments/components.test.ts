import { beforeAll, describe, expect, it } from 'vitest';
import { experimental_AstroContainer as AstroContainer } from 'astro/container';
import { parse, type HTMLElement } from 'node-html-parser';
import CommentForm from '../../../src/components/comments/CommentForm.astro';
import CommentsSection from '../../../src/components/comments/CommentsSection.astro';
import { outcomes } from '../../../src/comments/protocol.ts';
import { seedArticleId } from '../../support/seed.ts';

let container: AstroContainer;
beforeAll(async () => {
  container = await AstroContainer.create();
});

async function renderForm(provider: string, endpoint: string): Promise<HTMLElement> {
  const html = await container.renderToString(CommentForm, { props: { provider, endpoint, articleId: seedArticleId } });
  return parse(html).querySelector('form')!;
}

const articlePath = `/articles/${seedArticleId}/`;
const input = (form: HTMLElement, name: string) => form.querySelector(`[name="${name}"]`);
const hidden = (form: HTMLElement) =>
  Object.fromEntries(
    form.querySelectorAll('input[type=hidden]').map((el) => [el.getAttribute('name'), el.getAttribute('value')]),
  );

/** The reader-facing fields every provider shows, under that backend's field names. */
function expectReaderFields(
  form: HTMLElement,
  names: { comment: string; name: string; email: string; website: string },
) {
  const comment = input(form, names.comment)!;
  expect(comment.tagName).toBe('TEXTAREA');
  expect(comment.hasAttribute('required')).toBe(true);
  expect(comment.getAttribute('maxlength')).toBe('5000');
  expect(input(form, names.name)!.hasAttribute('required')).toBe(true);
  expect(input(form, names.email)!.getAttribute('type')).toBe('email');
  expect(input(form, names.email)!.hasAttribute('required')).toBe(false);
  expect(input(form, names.website)!.getAttribute('type')).toBe('url');
  for (const field of form.querySelectorAll('input:not([type=hidden]), textarea')) {
    const id = field.getAttribute('id');
    expect(form.querySelector(`label[for="${id}"]`), `label for ${id}`).not.toBeNull();
  }
  const remember = form.querySelector('[data-remember]')!;
  expect(remember.getAttribute('type')).toBe('checkbox');
  expect(remember.hasAttribute('name')).toBe(false); // never sent to the backend
  expect(form.querySelector('label[for="comment-remember"]')!.textContent).toBe(
    'Remember my name, email and website on this device.',
  );
  expect(form.getAttribute('method')).toBe('post');
  // The publication's own words, not WordPress's.
  const note = form.querySelector('.comment-note')!.textContent.replace(/\s+/g, ' ');
  expect(note).toContain('The Meridian uses it only to write to you about your comment');
  expect(note).not.toMatch(/will not be published|Required fields are marked/);
}

function expectHoneypot(form: HTMLElement, name: string) {
  const trap = input(form, name)!;
  expect(trap.getAttribute('type')).not.toBe('hidden');
  expect(trap.getAttribute('tabindex')).toBe('-1');
  expect(trap.closest('.comment-hp')!.getAttribute('aria-hidden')).toBe('true');
}

describe('the form matches each backend’s documented markup', () => {
  it('service: posts the protocol fields to <endpoint>/comments and returns to the article', async () => {
    const form = await renderForm('service', 'https://comments.example.org');
    expect(form.getAttribute('action')).toBe('https://comments.example.org/comments');
    expectReaderFields(form, { comment: 'comment', name: 'name', email: 'email', website: 'website' });
    expect(hidden(form)).toEqual({
      article: seedArticleId,
      redirect: `http://localhost:4321${articlePath}`,
      parent: '',
      key: '',
      elapsed: '',
    });
    expectHoneypot(form, 'hp');
    const notify = form.querySelector('input[type=checkbox][name=notify]');
    expect(notify?.getAttribute('id')).toBe('comment-notify');
    expect(form.querySelector('label[for=comment-notify]')?.textContent).toMatch(/Notify me of replies/);
    expect(form.getAttribute('data-list')).toBe(`https://comments.example.org/comments?article=${seedArticleId}`);
  });

  it('netlify: data-netlify, netlify-honeypot and the hidden form-name', async () => {
    const form = await renderForm('netlify', '');
    expect(form.getAttribute('data-netlify')).toBe('true');
    expect(form.querySelector('[name=notify]'), 'only the service sends reply e-mails').toBeNull();
    expect(form.getAttribute('name')).toBe('comments');
    expect(form.getAttribute('netlify-honeypot')).toBe('bot-field');
    expect(hidden(form)['form-name']).toBe('comments');
    expect(form.getAttribute('action')).toBe(`${articlePath}#comments-received`);
    expectHoneypot(form, 'bot-field');
    expectReaderFields(form, { comment: 'comment', name: 'name', email: 'email', website: 'website' });
  });

  it('formspree: action is the form URL, _gotcha honeypot, email as the reply-to field', async () => {
    const form = await renderForm('formspree', 'https://formspree.io/f/xyzabcd');
    expect(form.getAttribute('action')).toBe('https://formspree.io/f/xyzabcd');
    expectHoneypot(form, '_gotcha');
    expect(hidden(form)).toMatchObject({ article: seedArticleId, _subject: `New comment on ${seedArticleId}` });
    expectReaderFields(form, { comment: 'comment', name: 'name', email: 'email', website: 'website' });
  });

  it('staticman: fields[...] and options[slug|redirect|parent] posted to the v3 entry URL', async () => {
    const endpoint = 'https://staticman.example.org/v3/entry/github/owner/repo/main/comments';
    const form = await renderForm('staticman', endpoint);
    expect(form.getAttribute('action')).toBe(endpoint);
    expectReaderFields(form, {
      comment: 'fields[message]',
      name: 'fields[name]',
      email: 'fields[email]',
      website: 'fields[url]',
    });
    expect(hidden(form)).toEqual({
      'options[slug]': seedArticleId,
      'options[redirect]': `http://localhost:4321${articlePath}#comments-received`,
      'options[redirectError]': `http://localhost:4321${articlePath}#comments-error`,
      'options[parent]': '',
    });
    // Only fields[...] and options[...] reach Staticman, which rejects fields it does not allow.
    for (const el of form.querySelectorAll('[name]')) expect(el.getAttribute('name')).toMatch(/^(fields|options)\[/);
  });
});

describe('the comments section', () => {
  const comment = (id: string, extra: object = {}) => ({
    id,
    parent: null,
    name: `Reader ${id}`,
    website: null,
    comment: `Comment ${id}`,
    createdAt: new Date(`2026-01-0${id.length}T10:00:00Z`),
    ...extra,
  });
  const render = async (props: object) =>
    parse(
      await container.renderToString(CommentsSection, {
        props: {
          articleId: seedArticleId,
          open: true,
          provider: 'service',
          endpoint: 'http://localhost:8787',
          approved: [],
          ...props,
        },
      }),
    );

  it('none: no form, and "Comments are closed." under existing comments', async () => {
    const withComments = await render({ provider: 'none', approved: [comment('a')] });
    expect(withComments.querySelector('form')).toBeNull();
    expect(withComments.querySelector('.comments-closed')!.textContent).toBe('Comments are closed.');
    const empty = await render({ provider: 'none' });
    expect(empty.querySelector('#comments')).toBeNull();
  });

  it('has a notice for every outcome a form post can be sent back with, so no refusal is a dead end', async () => {
    const page = await render({});
    for (const outcome of outcomes) {
      const notice = page.querySelector(`#comments-${outcome}`);
      expect(notice?.classList.contains('notice'), outcome).toBe(true);
      expect(notice!.textContent.trim().length, outcome).toBeGreaterThan(10);
    }
    expect(page.querySelector('#comments-toofast')!.textContent).toBe(
      'You are posting comments too quickly. Slow down.',
    );
    expect(page.querySelector('#comments-duplicate')!.textContent).toBe(
      'Duplicate comment detected; it looks as though you’ve already said that!',
    );
  });

  it('comments: false closes the form on that article', async () => {
    const closed = await render({ open: false });
    expect(closed.querySelector('form')).toBeNull();
    expect(closed.querySelector('.comments-closed')!.textContent).toBe('Comments are closed.');
  });

  it('renders approved comments escaped, with paragraphs, threads, safe links and a count', async () => {
    const hostile = '<script>alert(1)</script><img src=x onerror=alert(2)>';
    const page = await render({
      approved: [
        comment('a', { comment: `${hostile}\n\nSecond paragraph\nsame paragraph`, website: 'https://a.example/' }),
        comment('bb', { parent: 'a', name: hostile, website: 'javascript:alert(1)' }),
        comment('ccc'),
      ],
    });
    const html = page.toString();
    expect(html).not.toContain('<script>alert');
    expect(html).not.toContain('<img src=x');
    expect(html).not.toContain('javascript:');
    expect(page.querySelector('#comments-title')!.textContent.trim()).toBe('3 comments');
    const first = page.querySelector('#comment-a')!;
    expect(first.querySelectorAll('.comment-body p')).toHaveLength(2);
    expect(first.querySelectorAll('.comment-body br')).toHaveLength(1);
    expect(first.querySelector('.comment-body p')!.textContent).toBe(hostile);
    const link = first.querySelector('.comment-author a')!;
    expect(link.getAttribute('href')).toBe('https://a.example/');
    expect(link.getAttribute('rel')).toBe('nofollow ugc noopener');
    const reply = page.querySelector('#comment-bb')!;
    expect(reply.closest('.comment-replies')).not.toBeNull();
    expect(reply.querySelector('.comment-author a')).toBeNull();
    expect(page.querySelectorAll('.comment-list > li')).toHaveLength(2);
    expect(page.querySelectorAll('[data-reply-to]').map((b) => b.getAttribute('data-reply-to'))).toEqual(['a', 'ccc']);
  });
});
