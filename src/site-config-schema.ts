/**
 * What src/site.config.ts must hold, as an astro/zod schema: checked when the build starts
 * (astro.config.mjs), so a typo in the site's settings stops it with one message naming every bad
 * field. Kept apart from site.config.ts, which browser code imports (dateLocale) and must stay small.
 */
import { z } from 'astro/zod';
import { ConfigError } from './utils/config-error.ts';
import type { SiteConfig } from './site.config.ts';

const text = (field: string) =>
  z
    .string({ error: `${field} must be text` })
    .trim()
    .min(1, { error: `${field} must not be empty` });

const isTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat('en', { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const isLanguageTag = (tag: string) => {
  try {
    return Intl.getCanonicalLocales(tag).length === 1;
  } catch {
    return false;
  }
};

export const siteConfigSchema = z.strictObject(
  {
    title: text('title'),
    tagline: z.string({ error: 'tagline must be text' }),
    description: text('description'),
    lang: text('lang').refine(isLanguageTag, { error: 'lang must be a BCP 47 language tag, such as en or pt-BR' }),
    ogLocale: z
      .string()
      .regex(/^[a-z]{2,3}_[A-Z]{2}$/, { error: 'ogLocale must be language_TERRITORY, such as en_GB' }),
    timeZone: text('timeZone').refine(isTimeZone, {
      error: 'timeZone must be an IANA time zone, such as Europe/London',
    }),
    articlesPerPage: z
      .int({ error: 'articlesPerPage must be a whole number' })
      .min(1, { error: 'articlesPerPage must be at least 1' }),
    wordsPerMinute: z
      .number({ error: 'wordsPerMinute must be a number' })
      .positive({ error: 'wordsPerMinute must be more than 0' }),
    navTags: z.array(text('navTags'), { error: 'navTags must be a list of tag names' }),
    copyrightHolder: text('copyrightHolder'),
    languages: z
      .array(
        text('languages').refine(isLanguageTag, {
          error: 'languages must list BCP 47 language tags, such as en or ar',
        }),
        { error: 'languages must be a list of language tags' },
      )
      .optional(),
  },
  { error: (issue) => (issue.code === 'unrecognized_keys' ? `unknown setting ${issue.keys.join(', ')}` : undefined) },
);

/** The site's settings, checked; throws one ConfigError naming every bad field. */
export function checkSiteConfig(config: SiteConfig): SiteConfig {
  const parsed = siteConfigSchema.safeParse(config);
  if (parsed.success) return config;
  const problems = parsed.error.issues.map((issue) => issue.message);
  throw new ConfigError(`Invalid settings in src/site.config.ts:\n  - ${problems.join('\n  - ')}`);
}
