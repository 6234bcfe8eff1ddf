import type {
  BreadcrumbList,
  CollectionPage,
  CorrectionComment,
  NewsArticle,
  Organization,
  Person,
  ProfilePage,
  WebSite,
  WithContext,
} from 'schema-dts';
import type { SeoImage } from './types.ts';

/**
 * schema.org structured data for the page types of a news site.
 * Pure builders; every URL passed in must already be absolute.
 */

export interface Publisher {
  name: string;
  /** Absolute URL of the front page. */
  url: string;
  logo: SeoImage;
}

/** Google shows at most 110 characters of a headline; longer ones are cut at a word with an ellipsis. */
export function headline(title: string, max = 110): string {
  const chars = [...title];
  if (chars.length <= max) return title;
  const cut = chars.slice(0, max - 1).join('');
  const atWord = cut.replace(/\s+\S*$/, '');
  return `${(atWord.length > max / 2 ? atWord : cut).trimEnd()}…`;
}

function organization(publisher: Publisher): Organization {
  return {
    '@type': 'Organization',
    name: publisher.name,
    url: publisher.url,
    logo: {
      '@type': 'ImageObject',
      url: publisher.logo.url,
      width: { '@type': 'QuantitativeValue', value: publisher.logo.width, unitCode: 'E37' },
      height: { '@type': 'QuantitativeValue', value: publisher.logo.height, unitCode: 'E37' },
    },
  };
}

export interface PersonInput {
  name: string;
  /** Absolute URL of the author's page on this site. */
  url: string;
  description?: string;
  /** Other profiles of the same person (the author's own site). */
  sameAs?: string[];
  image?: string;
}

export function person(input: PersonInput): Person {
  return {
    '@type': 'Person',
    name: input.name,
    url: input.url,
    ...(input.description ? { description: input.description } : {}),
    ...(input.sameAs && input.sameAs.length > 0 ? { sameAs: input.sameAs } : {}),
    ...(input.image ? { image: input.image } : {}),
  };
}

/** A correction notice: https://schema.org/CorrectionComment. */
export function correction(input: { date: Date; text: string }): CorrectionComment {
  return { '@type': 'CorrectionComment', datePublished: input.date.toISOString(), text: input.text };
}

export interface NewsArticleInput {
  url: string;
  title: string;
  description: string;
  images: string[];
  published: Date;
  modified: Date;
  /** In byline order. */
  authors: PersonInput[];
  /** Newest first. */
  corrections?: { date: Date; text: string }[];
  section: string;
  tags: string[];
  lang: string;
  publisher: Publisher;
}

export function newsArticle(input: NewsArticleInput): WithContext<NewsArticle> {
  return {
    '@context': 'https://schema.org',
    '@type': 'NewsArticle',
    headline: headline(input.title),
    description: input.description,
    image: input.images,
    datePublished: input.published.toISOString(),
    dateModified: input.modified.toISOString(),
    author: input.authors.map(person),
    ...(input.corrections && input.corrections.length > 0 ? { correction: input.corrections.map(correction) } : {}),
    publisher: organization(input.publisher),
    mainEntityOfPage: { '@type': 'WebPage', '@id': input.url },
    url: input.url,
    articleSection: input.section,
    keywords: input.tags,
    inLanguage: input.lang,
    isAccessibleForFree: true,
  };
}

export interface Crumb {
  name: string;
  /** Absolute URL. */
  url: string;
}

export function breadcrumbs(crumbs: Crumb[]): WithContext<BreadcrumbList> {
  return {
    '@context': 'https://schema.org',
    '@type': 'BreadcrumbList',
    itemListElement: crumbs.map((crumb, index) => ({
      '@type': 'ListItem',
      position: index + 1,
      name: crumb.name,
      item: crumb.url,
    })),
  };
}

export interface WebSiteInput {
  publisher: Publisher;
  description: string;
  lang: string;
  /** Absolute search URL with `{search_term_string}` where the query goes. */
  searchUrlTemplate: string;
}

export function webSite(input: WebSiteInput): WithContext<WebSite> {
  return {
    '@context': 'https://schema.org',
    '@type': 'WebSite',
    name: input.publisher.name,
    url: input.publisher.url,
    description: input.description,
    inLanguage: input.lang,
    publisher: organization(input.publisher),
    potentialAction: {
      '@type': 'SearchAction',
      target: { '@type': 'EntryPoint', urlTemplate: input.searchUrlTemplate },
      // schema-dts has no type for Google's "query-input" shorthand.
      ...({ 'query-input': 'required name=search_term_string' } as object),
    },
  };
}

export interface CollectionInput {
  url: string;
  name: string;
  description: string;
  lang: string;
  publisher: Publisher;
  /** Absolute URLs of the articles listed, in order. */
  items: string[];
}

export function collectionPage(input: CollectionInput): WithContext<CollectionPage> {
  return {
    '@context': 'https://schema.org',
    '@type': 'CollectionPage',
    url: input.url,
    name: input.name,
    description: input.description,
    inLanguage: input.lang,
    isPartOf: { '@type': 'WebSite', name: input.publisher.name, url: input.publisher.url },
    mainEntity: {
      '@type': 'ItemList',
      numberOfItems: input.items.length,
      itemListElement: input.items.map((url, index) => ({ '@type': 'ListItem', position: index + 1, url })),
    },
  };
}

export interface ProfileInput {
  url: string;
  person: PersonInput;
  lang: string;
  publisher: Publisher;
}

export function profilePage(input: ProfileInput): WithContext<ProfilePage> {
  return {
    '@context': 'https://schema.org',
    '@type': 'ProfilePage',
    url: input.url,
    inLanguage: input.lang,
    isPartOf: { '@type': 'WebSite', name: input.publisher.name, url: input.publisher.url },
    mainEntity: person(input.person),
  };
}
