import { dateLocale } from '../site.config.ts';

/** Machine-readable date-time for `<time datetime>` and metadata. */
export function isoDateTime(date: Date): string {
  return date.toISOString();
}

const longDate = new Intl.DateTimeFormat(dateLocale.lang, {
  dateStyle: 'long',
  timeZone: dateLocale.timeZone,
});

// Pure: a page script that imports this module but not formatMonth leaves the formatter out (bundlers keep `new` calls otherwise).
const monthYear = /* @__PURE__ */ new Intl.DateTimeFormat(dateLocale.lang, {
  month: 'long',
  year: 'numeric',
  timeZone: dateLocale.timeZone,
});

const longDates = new Map<string, Intl.DateTimeFormat>([[dateLocale.lang, longDate]]);

/** "8 August 2022" in the site's time zone, in `lang` (the site's language unless given). */
export function formatDate(date: Date, lang: string = dateLocale.lang): string {
  let format = longDates.get(lang);
  if (!format) {
    format = new Intl.DateTimeFormat(lang, { dateStyle: 'long', timeZone: dateLocale.timeZone });
    longDates.set(lang, format);
  }
  return format.format(date);
}

/** "3–9 March 2025", "28 February – 3 March 2025": the days from `from` to `to` in the site's language and time zone. */
export function formatDateRange(from: Date, to: Date): string {
  return longDate.formatRange(from, to);
}

/** "August 2022". */
export function formatMonth(year: number, month: number): string {
  return monthYear.format(new Date(Date.UTC(year, month - 1, 15)));
}

/** Calendar year and month (1–12) of a date in the site's time zone. */
export function yearMonth(date: Date): { year: number; month: number } {
  const parts = new Intl.DateTimeFormat('en', {
    year: 'numeric',
    month: 'numeric',
    timeZone: dateLocale.timeZone,
  }).formatToParts(date);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  return { year: value('year'), month: value('month') };
}

const dateAndTime = /* @__PURE__ */ new Intl.DateTimeFormat(dateLocale.lang, {
  dateStyle: 'medium',
  timeStyle: 'short',
  timeZone: dateLocale.timeZone,
  hourCycle: 'h23',
});

/** "8 Aug 2022, 09:00" (in the site's language and time zone): the admin's article list. */
export function formatDateTime(date: Date): string {
  return dateAndTime.format(date);
}
