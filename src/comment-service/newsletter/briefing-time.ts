/**
 * When the daily briefing goes out: at a set hour on each calendar day in the site's time zone,
 * daylight saving included. Pure functions over instants (ms since the epoch), for send.ts.
 */

interface LocalDate {
  year: number;
  month: number;
  day: number;
}

const formats = new Map<string, Intl.DateTimeFormat>();
function formatIn(timeZone: string): Intl.DateTimeFormat {
  let format = formats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', {
      timeZone,
      hourCycle: 'h23',
      year: 'numeric',
      month: 'numeric',
      day: 'numeric',
      hour: 'numeric',
      minute: 'numeric',
      second: 'numeric',
    });
    formats.set(timeZone, format);
  }
  return format;
}

/** The wall-clock reading of an instant in a time zone, as if it were UTC. */
function wallClock(instant: number, timeZone: string): number {
  const parts = Object.fromEntries(
    formatIn(timeZone)
      .formatToParts(instant)
      .map((part) => [part.type, part.value]),
  );
  return Date.UTC(+parts.year!, +parts.month! - 1, +parts.day!, +parts.hour!, +parts.minute!, +parts.second!);
}

/** The instant at which the wall clock in `timeZone` reads `hour`:00 on `date`. */
export function zonedHour(date: LocalDate, hour: number, timeZone: string): number {
  const wanted = Date.UTC(date.year, date.month - 1, date.day, hour);
  let instant = wanted - (wallClock(wanted, timeZone) - wanted);
  // Once more, for an offset that differs at the guess (a DST change between the two).
  instant = wanted - (wallClock(instant, timeZone) - instant);
  return instant;
}

const localDateOf = (instant: number, timeZone: string): LocalDate => {
  const wall = new Date(wallClock(instant, timeZone));
  return { year: wall.getUTCFullYear(), month: wall.getUTCMonth() + 1, day: wall.getUTCDate() };
};

const shiftDays = (date: LocalDate, days: number): LocalDate => {
  const shifted = new Date(Date.UTC(date.year, date.month - 1, date.day + days));
  return { year: shifted.getUTCFullYear(), month: shifted.getUTCMonth() + 1, day: shifted.getUTCDate() };
};

export const dateKey = (date: LocalDate) =>
  `${date.year}-${String(date.month).padStart(2, '0')}-${String(date.day).padStart(2, '0')}`;

export interface Briefing {
  /** The local calendar date, YYYY-MM-DD. */
  date: string;
  /** The stories it covers were published after `from` and at or before `until` (instants). */
  from: number;
  until: number;
}

/** The latest briefing due at `now`: today's once the hour has come, else yesterday's. */
export function latestBriefing(now: number, hour: number, timeZone: string): Briefing {
  let date = localDateOf(now, timeZone);
  let until = zonedHour(date, hour, timeZone);
  if (until > now) {
    date = shiftDays(date, -1);
    until = zonedHour(date, hour, timeZone);
  }
  return { date: dateKey(date), from: zonedHour(shiftDays(date, -1), hour, timeZone), until };
}
