/**
 * The newsletter under test: the Node service (in-process, real HTTP on loopback) with a real SMTP
 * sink, a fresh SQLite file, and helpers that act as a reader (subscribe, confirm from the mail)
 * and as the publisher (write a JSON Feed as the site publishes it).
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import type { ParsedMail } from 'mailparser';
import { startService, type RunningService } from '../../src/comment-service/node.ts';
import { adminToken, siteOrigin } from './comment-app.ts';
import { recipients, startSmtpSink, type SmtpSink } from './smtp-sink.ts';

export interface NewsletterService {
  service: RunningService;
  sink: SmtpSink;
  db: string;
  dir: string;
  /** POSTs /subscriptions as the site's script does (JSON answer); `fields` may override anything. */
  subscribe(fields: Record<string, string>, headers?: Record<string, string>): Promise<Response>;
  close(): Promise<void>;
}

export const siteUrl = 'https://news.example.com/';

export async function startNewsletterService(env: Record<string, string> = {}): Promise<NewsletterService> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'static-news-newsletter-'));
  const sink = await startSmtpSink();
  const db = path.join(dir, 'comments.db');
  const service = await startService({
    COMMENTS_ALLOWED_ORIGINS: siteOrigin,
    COMMENTS_ADMIN_TOKEN: adminToken,
    COMMENTS_DB: db,
    COMMENTS_PORT: '0',
    COMMENTS_SMTP_URL: sink.url,
    COMMENTS_MAIL_FROM: 'The Meridian <news@example.org>',
    COMMENTS_SITE_URL: siteUrl,
    COMMENTS_NEWSLETTER_NAME: 'The Meridian',
    COMMENTS_MAIL_RETRY_SECONDS: '1',
    ...env,
  });
  return {
    service,
    sink,
    db,
    dir,
    subscribe: (fields, headers = {}) =>
      fetch(`${service.url}/subscriptions`, {
        method: 'POST',
        redirect: 'manual',
        headers: {
          Accept: 'application/json',
          'Content-Type': 'application/x-www-form-urlencoded',
          Origin: siteOrigin,
          ...headers,
        },
        body: new URLSearchParams(fields),
      }),
    close: async () => {
      await service.close();
      await sink.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Every http(s) link in a mail, text and HTML parts together, each once. */
export function linksIn(mail: ParsedMail): string[] {
  const found =
    `${mail.text ?? ''}\n${typeof mail.html === 'string' ? mail.html : ''}`.match(/https?:\/\/[^\s"'<>]+/g) ?? [];
  return [...new Set(found.map((link) => link.replace(/&amp;/g, '&')))];
}

export const mailTo = (address: string) => (mail: ParsedMail) => recipients(mail).includes(address);

/** Confirms from the confirmation mail as a reader does: opens the link, presses the one button. */
export async function confirmFromMail(mail: ParsedMail): Promise<Response> {
  const [link] = linksIn(mail);
  const page = await fetch(link!);
  const token = /name="token" value="([^"]+)"/.exec(await page.text())?.[1];
  return fetch(new URL('/newsletter/confirm', link).href, {
    method: 'POST',
    headers: { 'Content-Type': 'application/x-www-form-urlencoded' },
    body: new URLSearchParams({ token: token ?? '' }),
  });
}

export interface FeedStory {
  id: string;
  title: string;
  published: Date;
  summary?: string;
  image?: string;
  authors?: string[];
}

/** A JSON Feed 1.1 document as src/pages/feed.json.ts publishes it. */
export function jsonFeed(stories: readonly FeedStory[]): object {
  return {
    version: 'https://jsonfeed.org/version/1.1',
    title: 'The Meridian',
    home_page_url: siteUrl,
    feed_url: `${siteUrl}feed.json`,
    items: stories.map((story) => ({
      id: `${siteUrl}articles/${story.id}/`,
      url: `${siteUrl}articles/${story.id}/`,
      title: story.title,
      summary: story.summary ?? `The standfirst of ${story.title}.`,
      content_html: '<p>Body</p>',
      date_published: story.published.toISOString(),
      authors: (story.authors ?? ['Ada Reporter']).map((name) => ({ name })),
      ...(story.image ? { image: story.image } : {}),
    })),
  };
}

export async function writeFeed(dir: string, stories: readonly FeedStory[]): Promise<string> {
  const file = path.join(dir, `feed-${crypto.randomUUID()}.json`);
  await writeFile(file, JSON.stringify(jsonFeed(stories)));
  return file;
}
