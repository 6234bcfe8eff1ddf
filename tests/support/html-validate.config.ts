import { defineConfig } from 'html-validate';
import { siteConfig } from '../../src/site.config.ts';

/** The longest page title the site makes: a 140-character headline (the schema's limit) + " – " + the site name. */
const longestTitle = 140 + ' – '.length + siteConfig.title.length;

/**
 * html-validate settings for the built pages: the recommended preset, with a rule relaxed
 * only where the reason is written next to it. Markup mistakes are fixed in the
 * components instead (see PullQuote.astro and src/markdown/).
 */
export default defineConfig({
  extends: ['html-validate:recommended'],
  rules: {
    // The preset's 70 characters is a search-result heuristic; page titles are headlines that
    // the article schema allows up to 140 characters, plus the site name. Longer is still an error.
    'long-title': ['error', { maxlength: longestTitle }],
  },
});
