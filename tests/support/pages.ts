/**
 * Every page type the browser tests, the accessibility checks and the screenshot
 * script visit, in one place. Paths are relative to the site's base path.
 * Add a page type here and every browser check covers it.
 */
export interface PageType {
  /** Short name, used in test titles and screenshot file names. */
  name: string;
  /** Path under the base, without a leading slash ("tags/asean/"). */
  path: string;
  /** The HTTP status the static server answers with. */
  status: number;
  /** An article page: the text-measure, footnote and pull-quote checks apply. */
  article?: boolean;
}

export const pageTypes: PageType[] = [
  { name: 'front', path: '', status: 200 },
  { name: 'article', path: 'articles/russia-reaffirms-deepening-ties-with-myanmar/', status: 200, article: true },
  { name: 'article-features', path: 'articles/fixture-markdown-features/', status: 200, article: true },
  { name: 'article-newsroom', path: 'articles/fixture-newsroom-story/', status: 200, article: true },
  { name: 'article-rtl', path: 'articles/fixture-arabic-sibling/', status: 200, article: true },
  { name: 'standing-page', path: 'privacy/', status: 200 },
  { name: 'tag-index', path: 'tags/', status: 200 },
  { name: 'tag', path: 'tags/diplomacy/', status: 200 },
  { name: 'author', path: 'authors/ahmed-adel/', status: 200 },
  { name: 'archive', path: 'archive/', status: 200 },
  { name: 'archive-month', path: 'archive/2022/08/', status: 200 },
  { name: 'search', path: 'search/', status: 200 },
  { name: 'not-found', path: 'no-such-page/', status: 404 },
];

/** The widths every layout check runs at: small phone, phone, tablet, laptop, desktop. */
export const viewportWidths = [320, 375, 768, 1024, 1440] as const;

export const colorSchemes = ['light', 'dark'] as const;

/**
 * Links a finger must be able to hit: at least 24x24 CSS px (WCAG 2.2, 2.5.8).
 * Links inside running text are exempt, as WCAG allows.
 */
export const touchTargetSelectors = [
  '.site-header nav a',
  '.site-footer a',
  '.tags a',
  '.pagination a',
  '.count-list a',
  '[class*="share" i] a',
  '[class*="share" i] button',
];
