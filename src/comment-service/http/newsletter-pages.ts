/**
 * Where the links in newsletter mails lead, for readers: /newsletter/confirm and
 * /newsletter/unsubscribe. Opening a link only shows a page with one button (mail scanners open
 * links and must confirm or unsubscribe nobody); the button, a POST, acts. A POST to the
 * unsubscribe link with the token in its query is also RFC 8058 one-click unsubscribe from the
 * mail client's own button. Pages are small, in the publication's name, and need no script.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import { confirmLinkDays, type NewsletterLinkKind, type NewsletterLinks } from '../newsletter/links.ts';
import type { NewsletterSettings, ServiceConfig } from '../settings.ts';
import type { NewsletterRecords } from '../store/newsletter-records.ts';
import { pageFormBytes, pageSecurityHeaders } from './page-headers.ts';
import { formOf } from './request.ts';

export interface NewsletterPagesDeps {
  store: Pick<NewsletterRecords, 'subscriber' | 'confirmSubscriber' | 'unsubscribeSubscriber'>;
  config: Pick<ServiceConfig, 'siteUrl'> & { newsletter: Pick<NewsletterSettings, 'name'> };
  links: NewsletterLinks;
}

type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const styles = `*,*::before,*::after{box-sizing:border-box}
html{-webkit-text-size-adjust:100%}
body{margin:0;font:1.0625rem/1.55 "Noto Sans",system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;
color:#1a1a1a;background:#f6f4ef}
.masthead{margin:0;padding:.9rem 1rem;border-bottom:3px double #1a1a1a;background:#fff;font:700 1.6rem/1.2 Newsreader,Georgia,serif;text-align:center}
.masthead a{color:inherit;text-decoration:none}
main{max-width:34rem;margin:0 auto;padding:1.25rem 1rem 3rem}
h1{font:700 1.75rem/1.2 Newsreader,Georgia,serif;margin:.5rem 0 1rem;overflow-wrap:anywhere}
p{overflow-wrap:anywhere}
a{color:#8a1c1c}
button{font:inherit;font-weight:700;min-height:44px;padding:.6rem 1.2rem;border:1px solid #8a1c1c;border-radius:3px;
background:#8a1c1c;color:#fff;cursor:pointer}
:focus-visible{outline:3px solid #e09f00;outline-offset:2px}`;

/** The page frame, the refusal of a bad link and the one-button form, in the publication's name. */
function pageParts(name: string, siteUrl: string | null) {
  const page = (title: string, body: Html): Html => html`<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${title} · ${name}</title>
<link rel="stylesheet" href="/newsletter/page.css">
</head>
<body>
<header><p class="masthead">${siteUrl ? html`<a href="${siteUrl}">${name}</a>` : name}</p></header>
<main id="main">
<h1>${title}</h1>
${body}
</main>
</body>
</html>`;
  const invalid = (c: Context, kind: NewsletterLinkKind) =>
    c.html(
      page(
        'Link not valid',
        kind === 'confirm'
          ? html`<p>This confirmation link is not valid: it is older than ${confirmLinkDays} days, or it was changed.
Subscribe again on the site to get a new one.</p>`
          : html`<p>This unsubscribe link is not valid: it was changed on its way.</p>`,
      ),
      400,
    );
  const button = (kind: NewsletterLinkKind, token: string, label: string) =>
    html`<form method="post" action="/newsletter/${kind}">
<input type="hidden" name="token" value="${token}">
<button type="submit">${label}</button>
</form>`;
  return { page, invalid, button };
}

export function newsletterPages(deps: NewsletterPagesDeps): Hono {
  const { store, config, links } = deps;
  const name = config.newsletter.name;
  const app = new Hono();

  const { page, invalid, button } = pageParts(name, config.siteUrl);

  app.use('*', async (c, next) => {
    pageSecurityHeaders(c);
    await next();
  });
  app.use('*', bodyLimit({ maxSize: pageFormBytes, onError: (c) => c.text('Too large', 413) }));
  app.get('/page.css', (c) => c.body(styles, 200, { 'Content-Type': 'text/css; charset=utf-8' }));

  app.get('/confirm', async (c) => {
    const token = c.req.query('token') ?? '';
    const id = await links.subscriberOf('confirm', token);
    const subscriber = id ? await store.subscriber(id) : null;
    if (!subscriber) return invalid(c, 'confirm');
    return c.html(
      page(
        'Confirm your subscription',
        html`<p>Receive ${name} at <strong>${subscriber.email}</strong>
(${subscriber.rhythm === 'daily' ? 'a daily briefing' : 'every new story'})?</p>
${button('confirm', token, 'Confirm my subscription')}`,
      ),
    );
  });

  app.post('/confirm', async (c) => {
    const id = await links.subscriberOf('confirm', (await formOf(c, pageFormBytes)).get('token') ?? '');
    const subscriber = id ? await store.confirmSubscriber(id, new Date().toISOString()) : null;
    if (!subscriber) return invalid(c, 'confirm');
    return c.html(
      page(
        'You are subscribed',
        html`<p>${subscriber.email} will receive ${subscriber.rhythm === 'daily' ? 'the daily briefing' : 'every new story'}.
Every e-mail has a link to unsubscribe.</p>
${config.siteUrl ? html`<p><a href="${config.siteUrl}">Back to ${name}</a></p>` : ''}`,
      ),
    );
  });

  app.get('/unsubscribe', async (c) => {
    const token = c.req.query('token') ?? '';
    const id = await links.subscriberOf('unsubscribe', token);
    const subscriber = id ? await store.subscriber(id) : null;
    if (!id) return invalid(c, 'unsubscribe');
    if (!subscriber || subscriber.status === 'unsubscribed')
      return c.html(page('Unsubscribed', html`<p>This address receives nothing from ${name}.</p>`));
    return c.html(
      page(
        'Unsubscribe',
        html`<p>Stop sending ${name} to <strong>${subscriber.email}</strong>?</p>${button('unsubscribe', token, 'Unsubscribe')}`,
      ),
    );
  });

  // The page's button, and RFC 8058 one-click (a POST to the List-Unsubscribe URL, the token in its query).
  app.post('/unsubscribe', async (c) => {
    const form = await formOf(c, pageFormBytes);
    const id = await links.subscriberOf('unsubscribe', form.get('token') ?? c.req.query('token') ?? '');
    if (!id) return invalid(c, 'unsubscribe');
    await store.unsubscribeSubscriber(id, new Date().toISOString());
    return c.html(page('Unsubscribed', html`<p>Nothing more from ${name} will be sent to this address.</p>`));
  });

  return app;
}
