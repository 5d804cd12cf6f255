// Display of article timestamps. Sources give times with their own UTC offset
// (or none at all); a reporter needs both the time as the source stated it and
// the same instant in their own time zone, and must see when no zone was given.

const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];

/** A timestamp split into the wall-clock fields the source wrote. */
export type Stamp = {
  year: number;
  month: number;
  day: number;
  /** Absent for a date without a time of day. */
  hour?: number;
  minute?: number;
  second?: number;
  /** Minutes east of UTC; `null` for a floating time (no zone stated). */
  offsetMinutes: number | null;
};

const STAMP = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d+)?)?)?\s*(Z|z|[+-]\d{2}(?::?\d{2})?)?$/;

export function parseStamp(text: string): Stamp | null {
  const m = STAMP.exec(text.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, zone] = m;
  const stamp: Stamp = { year: +y, month: +mo, day: +d, offsetMinutes: null };
  if (stamp.month < 1 || stamp.month > 12 || stamp.day < 1 || stamp.day > 31) return null;
  if (h !== undefined) {
    stamp.hour = +h;
    stamp.minute = +mi;
    stamp.second = s === undefined ? 0 : +s;
  }
  if (zone !== undefined) {
    if (zone === "Z" || zone === "z") {
      stamp.offsetMinutes = 0;
    } else {
      const sign = zone.startsWith("-") ? -1 : 1;
      const digits = zone.slice(1).replace(":", "");
      stamp.offsetMinutes = sign * (+digits.slice(0, 2) * 60 + +(digits.slice(2) || "0"));
    }
  }
  return stamp;
}

const pad = (n: number) => String(n).padStart(2, "0");

function dateText(year: number, month: number, day: number): string {
  return `${day} ${MONTHS[month - 1]} ${year}`;
}

function dateTimeText(year: number, month: number, day: number, hour: number, minute: number): string {
  return `${dateText(year, month, day)}, ${pad(hour)}:${pad(minute)}`;
}

/** "UTC+05:30", "UTC−03:00", or "UTC" for a zero offset. */
export function offsetLabel(offsetMinutes: number): string {
  if (offsetMinutes === 0) return "UTC";
  const abs = Math.abs(offsetMinutes);
  return `UTC${offsetMinutes < 0 ? "−" : "+"}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`;
}

/** The instant of a zoned stamp, or `null` for floating times and bare dates. */
export function instantOf(stamp: Stamp): Date | null {
  if (stamp.offsetMinutes === null || stamp.hour === undefined) return null;
  const utc = Date.UTC(stamp.year, stamp.month - 1, stamp.day, stamp.hour, stamp.minute, stamp.second);
  return new Date(utc - stamp.offsetMinutes * 60_000);
}

function localText(date: Date): string {
  return dateTimeText(date.getFullYear(), date.getMonth() + 1, date.getDate(), date.getHours(), date.getMinutes());
}

export type TimeDisplay = {
  /** The time as the source gave it, with its offset or a note that none was stated. */
  asGiven: string;
  /** The same instant in the user's time zone, when it can be known. */
  local: string | null;
  /** Machine-readable value for a `<time datetime>` attribute. */
  datetime: string;
};

/**
 * "15 Dec 2025, 02:37 (UTC+05:30)" and "14 Dec 2025, 22:07 your time";
 * a floating "2025-12-15T14:46:00" becomes "15 Dec 2025, 14:46 (time zone not stated)".
 * Text that is not a timestamp is shown as it came.
 */
export function describeTime(text: string): TimeDisplay {
  const stamp = parseStamp(text);
  if (!stamp) return { asGiven: text, local: null, datetime: text };
  if (stamp.hour === undefined) {
    return { asGiven: dateText(stamp.year, stamp.month, stamp.day), local: null, datetime: text };
  }
  const wall = dateTimeText(stamp.year, stamp.month, stamp.day, stamp.hour, stamp.minute!);
  if (stamp.offsetMinutes === null) {
    return { asGiven: `${wall} (time zone not stated)`, local: null, datetime: text };
  }
  const instant = instantOf(stamp)!;
  return {
    asGiven: `${wall} (${offsetLabel(stamp.offsetMinutes)})`,
    local: `${localText(instant)} your time`,
    datetime: instant.toISOString(),
  };
}

/** A short date for list rows: local for zoned times, as given otherwise. */
export function shortDate(text: string): string {
  const stamp = parseStamp(text);
  if (!stamp) return text;
  const instant = instantOf(stamp);
  if (instant) return dateText(instant.getFullYear(), instant.getMonth() + 1, instant.getDate());
  return dateText(stamp.year, stamp.month, stamp.day);
}

/** A timestamp the app itself recorded (e.g. `imported_at`), in local time. */
export function localDateTime(text: string): string {
  const stamp = parseStamp(text);
  if (!stamp) return text;
  const instant = instantOf(stamp);
  return instant ? localText(instant) : describeTime(text).asGiven;
}
