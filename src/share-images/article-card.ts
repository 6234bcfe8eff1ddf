import type { CardText } from './card.ts';

/** The text on an article's card: section (or first tag) above the headline, dek, byline and date. */
export function articleCardText(input: {
  title: string;
  description: string;
  section?: string | undefined;
  tags: string[];
  authorName: string;
  date: string;
  siteName: string;
  siteUrl: string;
}): CardText {
  const kicker = input.section ?? input.tags[0];
  return {
    headline: input.title,
    ...(kicker ? { kicker } : {}),
    dek: input.description,
    byline: `By ${input.authorName}`,
    date: input.date,
    siteName: input.siteName,
    siteHost: siteHost(input.siteUrl),
  };
}

/** "news.example.com/news" for a site under a base path; "news.example.com" at the root. */
export function siteHost(siteUrl: string): string {
  const url = new URL(siteUrl);
  return `${url.host}${url.pathname.replace(/\/+$/, '')}`;
}
