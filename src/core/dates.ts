// Dates as the author means them: calendar days and times in the site's zone, and ISO weeks.
import { DateTime } from "luxon";

/** `2026-02-05`: that whole day in the site's zone, starting at 00:00. */
export const DATE_RE = /^(\d{4})-(\d{2})-(\d{2})$/;
/** `2026-02-05T08:00`, `2026-02-05 08:00:30`, `2026-02-05T08:00+08:00`, `…Z`. */
export const DATE_TIME_RE = /^\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(:\d{2}(\.\d{1,3})?)?(Z|[+-]\d{2}(:?\d{2})?)?$/;
/** `2026-W06`: an ISO week-year and week number. */
export const ISO_WEEK_RE = /^(\d{4})-W(\d{2})$/;
/** An ISO week inside a file name: `ai_news_2026-W06.md`. */
export const WEEK_IN_NAME_RE = /(\d{4})-W(\d{2})(?!\d)/;

export const ACCEPTED_DATE_FORMS =
  "a date such as 2026-02-05, or a date and time such as 2026-02-05T08:00 or 2026-02-05T08:00+08:00";
/** The same, in Chinese. */
export const ACCEPTED_DATE_FORMS_ZH = "日期（如 `2026-02-05`），或日期和时间（如 `2026-02-05T08:00`、`2026-02-05T08:00+08:00`）";

export interface ParsedDate {
  /** The moment, expressed in the site's zone. */
  dateTime: DateTime;
  /** True when only a calendar day was given. */
  dateOnly: boolean;
}

/**
 * Reads a front-matter date. Strings are read in the site's zone unless they carry an offset.
 * A JavaScript Date at exactly 00:00 UTC is what YAML makes of a bare date, so it is read as that
 * calendar day in the site's zone; any other Date is an instant.
 * Returns undefined for anything that is not one of the accepted forms or not a real date.
 */
export function parseSiteDate(value: unknown, zone: string): ParsedDate | undefined {
  if (typeof value !== "string") return parseDateValue(value, zone);
  // A build reads each date several times (date, schedule, schema, views): luxon's zone
  // arithmetic is worth doing once.
  const key = `${zone}\0${value}`;
  if (!PARSED.has(key)) PARSED.set(key, parseDateValue(value, zone));
  return PARSED.get(key);
}

const PARSED = new Map<string, ParsedDate | undefined>();

function parseDateValue(value: unknown, zone: string): ParsedDate | undefined {
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) return undefined;
    const utc = DateTime.fromJSDate(value, { zone: "utc" });
    const midnight = utc.hour === 0 && utc.minute === 0 && utc.second === 0 && utc.millisecond === 0;
    if (midnight) {
      const day = DateTime.fromObject({ year: utc.year, month: utc.month, day: utc.day }, { zone });
      return { dateTime: day, dateOnly: true };
    }
    return { dateTime: utc.setZone(zone), dateOnly: false };
  }
  if (typeof value !== "string") return undefined;
  const text = value.trim();
  if (DATE_RE.test(text)) {
    const day = DateTime.fromISO(text, { zone });
    return day.isValid ? { dateTime: day, dateOnly: true } : undefined;
  }
  if (DATE_TIME_RE.test(text)) {
    const moment = DateTime.fromISO(text.replace(" ", "T"), { zone, setZone: false });
    return moment.isValid ? { dateTime: moment.setZone(zone), dateOnly: false } : undefined;
  }
  return undefined;
}

/** `2026年2月5日`: the calendar day in the date's own zone (the site's, once parsed). */
export function formatChineseDate(dateTime: DateTime): string {
  return `${dateTime.year}年${dateTime.month}月${dateTime.day}日`;
}

/** `2026-02-05`, for `<time datetime>`. */
export function formatIsoDate(dateTime: DateTime): string {
  return dateTime.toFormat("yyyy-MM-dd");
}

export interface IsoWeek {
  /** `2026-W06` */
  key: string;
  weekYear: number;
  weekNumber: number;
  /** Monday 00:00 in the site's zone. */
  start: DateTime;
  /** Sunday of the same week (a calendar day). */
  end: DateTime;
}

/** The ISO week `2026-W06`, or undefined when the text is not a week or the week does not exist. */
export function parseIsoWeek(text: string, zone: string): IsoWeek | undefined {
  const match = ISO_WEEK_RE.exec(text);
  if (!match) return undefined;
  return isoWeek(Number(match[1]), Number(match[2]), zone);
}

/** The ISO week named inside a file name (`ai_news_2026-W06.md`), if any. */
export function weekInFileName(
  name: string,
  zone: string,
): { text: string; week: IsoWeek | undefined } | undefined {
  const match = WEEK_IN_NAME_RE.exec(name);
  if (!match) return undefined;
  return { text: match[0], week: isoWeek(Number(match[1]), Number(match[2]), zone) };
}

/** The week that contains this moment, counted in the moment's zone. */
export function isoWeekOf(dateTime: DateTime): IsoWeek {
  return isoWeek(dateTime.weekYear, dateTime.weekNumber, dateTime.zoneName ?? "utc") as IsoWeek;
}

/** Weeks already worked out: a build asks for the same few hundred weeks again and again. */
const WEEKS = new Map<string, IsoWeek | undefined>();

function isoWeek(weekYear: number, weekNumber: number, zone: string): IsoWeek | undefined {
  const cacheKey = `${weekYear}-${weekNumber}-${zone}`;
  if (WEEKS.has(cacheKey)) return WEEKS.get(cacheKey);
  const week = computeIsoWeek(weekYear, weekNumber, zone);
  WEEKS.set(cacheKey, week);
  return week;
}

function computeIsoWeek(weekYear: number, weekNumber: number, zone: string): IsoWeek | undefined {
  if (weekNumber < 1 || weekNumber > weeksInWeekYear(weekYear)) return undefined;
  const key = `${weekYear}-W${String(weekNumber).padStart(2, "0")}`;
  // Its days are worked out when asked for: a check asks for the weeks of a thousand pages and
  // the days of few, and each costs luxon a look at the zone's offsets.
  let start: DateTime | undefined;
  let end: DateTime | undefined;
  return {
    key,
    weekYear,
    weekNumber,
    get start() {
      return (start ??= DateTime.fromObject({ weekYear, weekNumber, weekday: 1 }, { zone }));
    },
    get end() {
      return (end ??= this.start.plus({ days: 6 }));
    },
  };
}

/** How many ISO weeks a week-year has: 53 when it starts on a Thursday, or is a leap year starting on a Wednesday; else 52. */
export function weeksInWeekYear(year: number): number {
  const jan1 = new Date(0);
  jan1.setUTCFullYear(year, 0, 1);
  const weekday = jan1.getUTCDay();
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  return weekday === 4 || (leap && weekday === 3) ? 53 : 52;
}

const WEEK_MS = 7 * 24 * 3600 * 1000;

/** A week's number counted from 1970's (by its Monday, in UTC): consecutive weeks are consecutive numbers, across any year's end and in any zone. */
export function weekOrdinal(week: Pick<IsoWeek, "weekYear" | "weekNumber">): number {
  return Math.round(DateTime.fromObject({ weekYear: week.weekYear, weekNumber: week.weekNumber, weekday: 1 }, { zone: "utc" }).toMillis() / WEEK_MS);
}

/** The week of such a number (its Thursday's week, which the rounding above lands on), in UTC. */
export function weekOfOrdinal(ordinal: number): IsoWeek {
  return isoWeekOf(DateTime.fromMillis(ordinal * WEEK_MS, { zone: "utc" }));
}
