/**
 * E-mail from the service process to a real SMTP server on loopback: moderators' mails with
 * approve and reject links that work once against the running service, reply notices only to
 * commenters who asked, one-click unsubscribe, and a mail server that refuses for a while.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { siteOrigin } from '../../support/comment-app.ts';
import {
  admin,
  postComment,
  startServiceProcess,
  withServiceProcess,
  type ServiceProcess,
} from '../../support/comment-service.ts';
import { recipients, startSmtpSink, type SmtpSink } from '../../support/smtp-sink.ts';

const article = 'russia-reaffirms-deepening-ties-with-myanmar';
const moderator = 'editor@example.org';
const from = 'The Meridian <comments@example.org>';

let smtp: SmtpSink;
let service: ServiceProcess;

const mailEnv = () => ({
  COMMENTS_SMTP_URL: smtp.url,
  COMMENTS_MAIL_FROM: from,
  COMMENTS_MODERATOR_EMAILS: moderator,
  COMMENTS_SITE_URL: `${siteOrigin}/`,
  COMMENTS_RATE_LIMIT: '0',
});

const post = async (url: string, fields: Record<string, string>) => {
  const response = await postComment(url, { article, elapsed: '20000', ...fields });
  expect(response.status).toBe(201);
  return (await response.json()).id as string;
};

const linkIn = (text: string, label: string) => new RegExp(`${label}:\\s+(\\S+)`).exec(text)?.[1] ?? '';
const moderatorMailAbout = (text: string) => (mail: { text?: string; to?: unknown }) =>
  recipients(mail as never).includes(moderator) && (mail.text ?? '').includes(text);

/** Opens a link from an e-mail as a person does: the page, then its one button. */
async function follow(link: string): Promise<{ page: Response; done: Response }> {
  const page = await fetch(link);
  const html = await page.clone().text();
  const action = /<form method="post" action="([^"]+)"/.exec(html)?.[1];
  const token = /name="token" value="([^"]+)"/.exec(html)?.[1];
  const done = await fetch(new URL(action ?? '/', link), {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: (token ?? '').replace(/&amp;/g, '&') }),
  });
  return { page, done };
}

beforeAll(async () => {
  smtp = await startSmtpSink();
  service = await startServiceProcess(mailEnv());
});
afterAll(async () => {
  await service?.stop();
  await smtp?.close();
});

describe('moderators', () => {
  it('get an e-mail for each waiting comment, whose approve link works once', async () => {
    const id = await post(service.url, {
      comment: 'Please approve me from the e-mail.',
      name: 'Ada',
      email: 'ada@example.org',
      website: 'https://ada.example/',
    });
    const mail = await smtp.waitFor(moderatorMailAbout('Please approve me from the e-mail.'));
    expect(mail.from?.text).toBe('"The Meridian" <comments@example.org>');
    expect(mail.subject).toMatch(/^Comment waiting: “.+”$/);
    expect(mail.text).toContain('Ada <ada@example.org>');
    expect(mail.text).toContain(`${siteOrigin}/articles/${article}/`);
    expect(mail.text).toContain('Website: https://ada.example/');
    const approve = linkIn(mail.text!, 'Approve');
    const reject = linkIn(mail.text!, 'Reject');
    expect(approve.startsWith(`${service.url}/mail/moderate?token=`)).toBe(true);

    const { page, done } = await follow(approve);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('Please approve me from the e-mail.');
    // Opening the link alone changed nothing (mail scanners open links too): the button did.
    expect(done.status).toBe(200);
    expect(await done.text()).toMatch(/Approved/);
    const approved = (await (await fetch(`${service.url}/comments?article=${article}`)).json()).comments;
    expect(approved.map((comment: { id: string }) => comment.id)).toContain(id);

    expect((await follow(approve)).done.status).toBe(410);
    // Both links of one e-mail are spent by either.
    expect((await follow(reject)).done.status).toBe(410);
    const forged = await fetch(`${service.url}/mail/moderate`, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: new URLSearchParams({ token: `${approve.split('token=')[1]!.slice(0, -3)}abc` }),
    });
    expect(forged.status).toBe(400);
  });

  it('can reject from the e-mail', async () => {
    const id = await post(service.url, { comment: 'Reject me from the e-mail.', name: 'Bo' });
    const mail = await smtp.waitFor(moderatorMailAbout('Reject me from the e-mail.'));
    const { done } = await follow(linkIn(mail.text!, 'Reject'));
    expect(done.status).toBe(200);
    const listed = (await (await admin(service.url, 'GET', '/admin/comments?status=rejected')).json()).comments;
    expect(listed.map((comment: { id: string }) => comment.id)).toContain(id);
  });
});

describe('commenters', () => {
  it('get an e-mail when a reply to them is approved, only when they asked, with a working one-click unsubscribe', async () => {
    const asked = await post(service.url, {
      comment: 'Tell me about replies.',
      name: 'Cy',
      email: 'cy@example.org',
      notify: 'on',
    });
    const silent = await post(service.url, { comment: 'Do not write to me.', name: 'Di', email: 'di@example.org' });
    await admin(service.url, 'POST', `/admin/comments/${asked}/approve`);
    await admin(service.url, 'POST', `/admin/comments/${silent}/approve`);

    const reply = await post(service.url, { comment: 'A reply for Cy.', name: 'Ed', parent: asked });
    const toSilent = await post(service.url, { comment: 'A reply for Di.', name: 'Ed', parent: silent });
    await admin(service.url, 'POST', `/admin/comments/${reply}/approve`);
    await admin(service.url, 'POST', `/admin/comments/${toSilent}/approve`);

    const notice = await smtp.waitFor((mail) => recipients(mail).includes('cy@example.org'));
    expect(notice.subject).toBe('Ed replied to your comment on “russia-reaffirms-deepening-ties-with-myanmar”');
    expect(notice.text).toContain('> A reply for Cy.');
    expect(notice.text).toContain(`${siteOrigin}/articles/${article}/#comment-${reply}`);
    const header = (name: string) =>
      notice.headerLines.find((line) => line.key === name)?.line.replace(/\r?\n\s+/g, ' ') ?? '';
    const unsubscribeUrl = /^List-Unsubscribe: <([^>]+)>$/i.exec(header('list-unsubscribe'))?.[1] ?? '';
    expect(unsubscribeUrl.startsWith(`${service.url}/mail/unsubscribe?token=`)).toBe(true);
    expect(header('list-unsubscribe-post')).toMatch(/^List-Unsubscribe-Post: List-Unsubscribe=One-Click$/i);
    expect(notice.text).toContain(unsubscribeUrl);

    // A sync point: the moderator's mail about a later comment comes after any mail queued before it.
    await post(service.url, { comment: 'Sync point one.', name: 'Fe' });
    await smtp.waitFor(moderatorMailAbout('Sync point one.'));
    expect(smtp.messages.filter((mail) => recipients(mail).includes('di@example.org'))).toEqual([]);

    // RFC 8058: the mail client POSTs to the List-Unsubscribe URL.
    const oneClick = await fetch(unsubscribeUrl, {
      method: 'POST',
      headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
      body: 'List-Unsubscribe=One-Click',
    });
    expect(oneClick.status).toBe(200);
    const second = await post(service.url, { comment: 'Another reply for Cy.', name: 'Gu', parent: asked });
    await admin(service.url, 'POST', `/admin/comments/${second}/approve`);
    await post(service.url, { comment: 'Sync point two.', name: 'Fe' });
    await smtp.waitFor(moderatorMailAbout('Sync point two.'));
    expect(smtp.messages.filter((mail) => recipients(mail).includes('cy@example.org'))).toHaveLength(1);
  });

  it('who replied and asked hear of later replies in the thread; nobody hears of their own reply', async () => {
    const top = await post(service.url, {
      comment: 'Start of a thread.',
      name: 'Jo',
      email: 'jo@example.org',
      notify: 'on',
    });
    await admin(service.url, 'POST', `/admin/comments/${top}/approve`);
    const joined = await post(service.url, {
      comment: 'I join the thread.',
      name: 'Ka',
      email: 'ka@example.org',
      notify: 'on',
      parent: top,
    });
    await admin(service.url, 'POST', `/admin/comments/${joined}/approve`);
    await smtp.waitFor(
      (mail) => recipients(mail).includes('jo@example.org') && mail.text!.includes('I join the thread.'),
    );
    // Threads are one level deep: a reply to Ka's reply joins Jo's thread.
    const later = await post(service.url, {
      comment: 'A later word.',
      name: 'Lu',
      email: 'lu@example.org',
      parent: joined,
    });
    await admin(service.url, 'POST', `/admin/comments/${later}/approve`);

    const toKa = await smtp.waitFor((mail) => recipients(mail).includes('ka@example.org'));
    expect(toKa.subject).toBe(
      'Lu replied in a conversation you took part in on “russia-reaffirms-deepening-ties-with-myanmar”',
    );
    expect(toKa.text).toContain("Lu replied to Jo's comment");
    expect(toKa.text).toContain('> A later word.');
    expect(toKa.headerLines.some((line) => line.key === 'list-unsubscribe')).toBe(true);
    const toJo = await smtp.waitFor(
      (mail) => recipients(mail).includes('jo@example.org') && mail.text!.includes('A later word.'),
    );
    expect(toJo.subject).toBe('Lu replied to your comment on “russia-reaffirms-deepening-ties-with-myanmar”');

    await post(service.url, { comment: 'Sync point three.', name: 'Fe' });
    await smtp.waitFor(moderatorMailAbout('Sync point three.'));
    // Ka was told of Lu's reply only, not of her own; Lu did not ask.
    expect(smtp.messages.filter((mail) => recipients(mail).includes('ka@example.org'))).toHaveLength(1);
    expect(smtp.messages.filter((mail) => recipients(mail).includes('lu@example.org'))).toEqual([]);
  });
});

describe('when the mail server fails', () => {
  it('stores the comment at once and sends the e-mail later from the outbox, logging the failure', async () => {
    const local = await startSmtpSink();
    local.refuseNext(1);
    await withServiceProcess(
      { ...mailEnv(), COMMENTS_SMTP_URL: local.url, COMMENTS_MAIL_RETRY_SECONDS: '1' },
      async (flaky) => {
        const id = await post(flaky.url, { comment: 'Stored although mail fails.', name: 'Hal' });
        const pending = (await (await admin(flaky.url, 'GET', '/admin/comments?status=pending')).json()).comments;
        expect(pending.map((comment: { id: string }) => comment.id)).toContain(id);
        const mail = await local.waitFor(moderatorMailAbout('Stored although mail fails.'));
        expect(mail.subject).toMatch(/Comment waiting/);
        expect(flaky.output()).toMatch(/e-mail "Comment waiting: .*" not sent \(attempt 1; next in 1 s\): .*451/);
      },
    );
    await local.close();
  });

  it('sends nothing without COMMENTS_SMTP_URL, and says so once at start', async () => {
    await withServiceProcess({}, async (quiet) => {
      expect(quiet.output().match(/e-mail: off, nothing will be sent/g)).toHaveLength(1);
      expect(quiet.output()).toContain(`moderation page: ${quiet.url}/admin/`);
    });
  });
});
