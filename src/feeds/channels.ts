import { siteConfig } from '../site.config.ts';
import { paths, routes } from '../utils/routes.ts';
import type { FeedChannel } from './documents.ts';
import { logoImage } from '../share-images/image-files.ts';

/** The site-wide feed channel for a feed at `feedPath`. */
export function siteChannel(feedPath: string): FeedChannel {
  return {
    title: siteConfig.title,
    // The tagline, as under the masthead: a feed reader shows it under the publication's name.
    description: siteConfig.tagline,
    homeUrl: paths.absolute(routes.home()),
    feedUrl: paths.absolute(feedPath),
    lang: siteConfig.lang,
    iconUrl: paths.absolute(routes.shareImage(logoImage.file)),
  };
}

export function tagChannel(tag: string, slug: string): FeedChannel {
  return {
    ...siteChannel(routes.tagRss(slug)),
    title: `${siteConfig.title}: ${tag}`,
    description: `News and analysis about ${tag}.`,
    homeUrl: paths.absolute(routes.tag(slug)),
  };
}
