/**
 * The newsletter's e-mails, each as plain text and HTML in the publication's look (serif
 * headlines, the masthead's name): the confirmation (one link, to the confirm page), a story, and
 * the daily briefing. Nothing tracks the reader: no pixels, links go straight to the site, images
 * are the site's own. Every value is escaped; the unsubscribe link is in the footer and in the
 * List-Unsubscribe headers (RFC 8058 one-click).
 */
import { confirmLinkDays } from './links.ts';
import type { Story } from './feed.ts';

export interface MailParts {
  subject: string;
  text: string;
  html: string;
}

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (char) => `&#${char.charCodeAt(0)};`);

const fonts = "Newsreader, Georgia, 'Times New Roman', serif";
const sans = "'Noto Sans', Helvetica, Arial, sans-serif";

const mastheadStyle = `margin:0 0 16px;padding-bottom:12px;border-bottom:3px double #1a1a1a;font-family:${fonts};\
font-size:28px;font-weight:700;text-align:center`;
const bodyText = `font-family:${sans};font-size:16px;line-height:1.5`;

function page(title: string, name: string, body: string, footer: string): string {
  return `<!doctype html>
<html lang="en">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${escapeHtml(title)}</title></head>
<body style="margin:0;padding:0;background:#f6f4ef;color:#1a1a1a">
<div style="max-width:600px;margin:0 auto;padding:24px 16px;background:#ffffff">
<p style="${mastheadStyle}">${escapeHtml(name)}</p>
${body}
<div style="margin-top:32px;padding-top:12px;border-top:1px solid #d5d0c4;font-family:${sans};font-size:13px;color:#555">${footer}</div>
</div>
</body>
</html>`;
}

/** The confirmation: one link, to a page with one button (mail scanners that open links confirm nothing). */
export function confirmationMail(name: string, confirmUrl: string): MailParts {
  const subject = `Confirm your subscription to ${name}`;
  const text = [
    `Someone, probably you, asked to receive ${name} by e-mail at this address.`,
    '',
    `To confirm, open this link and press the button (it works for ${confirmLinkDays} days):`,
    confirmUrl,
    '',
    'If it was not you, ignore this e-mail: nothing will be sent unless the subscription is confirmed.',
    '',
  ].join('\n');
  const html = page(
    subject,
    name,
    `<p style="${bodyText}">Someone, probably you, asked to receive ${escapeHtml(name)} by e-mail at this address.</p>
<p style="${bodyText}"><a href="${escapeHtml(confirmUrl)}" style="color:#8a1c1c;font-weight:700">Confirm your subscription</a>
(the link works for ${confirmLinkDays} days).</p>`,
    'If it was not you, ignore this e-mail: nothing will be sent unless the subscription is confirmed.',
  );
  return { subject, text, html };
}

function storyHtml(story: Story, headingSize: number): string {
  const image = story.image
    ? `<img src="${escapeHtml(story.image)}" alt="" width="568" style="display:block;width:100%;height:auto;margin:0 0 12px">`
    : '';
  const byline = story.byline
    ? `<p style="margin:0 0 8px;font-family:${sans};font-size:13px;color:#555">By ${escapeHtml(story.byline)}</p>`
    : '';
  return `<div style="margin:0 0 28px">
${image}<h2 style="margin:0 0 8px;font-family:${fonts};font-size:${headingSize}px;line-height:1.2">
<a href="${escapeHtml(story.url)}" style="color:#1a1a1a;text-decoration:none">${escapeHtml(story.title)}</a></h2>
${byline}<p style="margin:0 0 12px;font-family:${fonts};font-size:18px;line-height:1.45">${escapeHtml(story.summary)}</p>
<p style="margin:0;font-family:${sans};font-size:15px"><a href="${escapeHtml(story.url)}" style="color:#8a1c1c;font-weight:700">Read the story</a></p>
</div>`;
}

const storyText = (story: Story) =>
  [story.title, story.byline ? `By ${story.byline}` : '', '', story.summary, '', `Read the story: ${story.url}`]
    .filter((line, index) => index !== 1 || line !== '')
    .join('\n');

function footers(name: string, why: string, unsubscribeUrl: string) {
  return {
    text: ['', '--', `${why} To stop receiving ${name}: ${unsubscribeUrl}`, ''].join('\n'),
    html: `${escapeHtml(why)} <a href="${escapeHtml(unsubscribeUrl)}" style="color:#555">Unsubscribe</a>.`,
  };
}

/** One story, to a subscriber of every story. */
export function storyMail(name: string, story: Story, unsubscribeUrl: string): MailParts {
  const footer = footers(name, `You receive every new story of ${name} because you subscribed.`, unsubscribeUrl);
  return {
    subject: story.title,
    text: `${storyText(story)}\n${footer.text}`,
    html: page(story.title, name, storyHtml(story, 28), footer.html),
  };
}

/** The day's briefing: the stories published since the last one, newest first. */
export function briefingMail(name: string, date: string, stories: readonly Story[], unsubscribeUrl: string): MailParts {
  const subject = `${name}: the briefing of ${date} (${stories.length} ${stories.length === 1 ? 'story' : 'stories'})`;
  const footer = footers(name, `You receive the daily briefing of ${name} because you subscribed.`, unsubscribeUrl);
  return {
    subject,
    text: `${stories.map(storyText).join('\n\n----\n\n')}\n${footer.text}`,
    html: page(subject, name, stories.map((story) => storyHtml(story, 22)).join('\n'), footer.html),
  };
}

/** The headers of every newsletter mail but the confirmation: one-click unsubscribe (RFC 8058). */
export const unsubscribeHeaders = (unsubscribeUrl: string) => ({
  'List-Unsubscribe': `<${unsubscribeUrl}>`,
  'List-Unsubscribe-Post': 'List-Unsubscribe=One-Click',
});
