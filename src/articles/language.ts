/**
 * What the layout needs to know about an article's language (frontmatter `lang`, BCP 47):
 * its canonical tag, the direction its script runs, and whether the script has capital letters
 * (the drop cap is a capital; Arabic, Hebrew, Devanagari, CJK… have none).
 */

/** `en-gb` → `en-GB`; undefined when the tag is not well-formed BCP 47. */
export function canonicalLang(tag: string): string | undefined {
  try {
    return Intl.getCanonicalLocales(tag)[0];
  } catch {
    return undefined;
  }
}

/** Intl.Locale's text info: getTextInfo() in current engines, the textInfo getter in older V8. */
type TextInfoSource = { getTextInfo?: () => { direction?: string }; textInfo?: { direction?: string } };

/** `rtl` for languages written right to left (Arabic, Hebrew, Persian, Urdu, Pashto, Yiddish, Dhivehi…), else `ltr`. */
export function textDirection(lang: string): 'ltr' | 'rtl' {
  const locale = new Intl.Locale(lang) as unknown as TextInfoSource;
  const info = locale.getTextInfo?.() ?? locale.textInfo;
  return info?.direction === 'rtl' ? 'rtl' : 'ltr';
}

/** Scripts with upper- and lower-case letters, in ISO 15924 codes. */
const bicameralScripts = new Set(['Latn', 'Cyrl', 'Grek', 'Armn', 'Copt', 'Glag', 'Cher', 'Osge', 'Adlm', 'Dsrt']);

/** The script a language is written in (`sr-Latn` → Latn, `ar` → Arab, `ja` → Jpan). */
export function scriptOf(lang: string): string | undefined {
  return new Intl.Locale(lang).maximize().script;
}

/** Whether the language's script has capital letters, so that an initial (drop cap) makes sense. */
export function hasCapitalLetters(lang: string): boolean {
  const script = scriptOf(lang);
  return script === undefined || bicameralScripts.has(script);
}

export interface LanguageAttributes {
  lang?: string | undefined;
  dir?: 'ltr' | 'rtl' | undefined;
}

/**
 * `lang` and `dir` for an element written in `lang` inside a page (or part) written in `around`;
 * none when they are the same language.
 */
export function languageAttributes(lang: string, around: string): LanguageAttributes {
  return lang === around ? {} : { lang, dir: textDirection(lang) };
}
