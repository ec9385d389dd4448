const numbers = new Intl.NumberFormat('en-US');
const dates = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  timeZone: 'UTC',
});
const dateTimes = new Intl.DateTimeFormat('en-US', {
  month: 'short',
  day: 'numeric',
  year: 'numeric',
  hour: '2-digit',
  minute: '2-digit',
  hour12: false,
  timeZone: 'UTC',
});

/** 12345 → "12,345". */
export function credits(value: number): string {
  return numbers.format(value);
}

/** A signed amount: "+500", "−120", "0". */
export function signed(value: number): string {
  if (value > 0) return `+${numbers.format(value)}`;
  if (value < 0) return `−${numbers.format(-value)}`;
  return '0';
}

/** "Nov 7, 2026" (UTC, as billing periods are). */
export function day(iso: string): string {
  return dates.format(new Date(iso));
}

/** "Nov 7, 2026, 14:05" (UTC). */
export function dateTime(iso: string): string {
  return `${dateTimes.format(new Date(iso))} UTC`;
}

/** The last day of a period whose `end` is exclusive. */
export function lastDayOf(endIso: string): string {
  return day(new Date(Date.parse(endIso) - 1).toISOString());
}

/** Whole days from now until `iso`. */
export function daysUntil(iso: string): number {
  return Math.max(0, Math.ceil((Date.parse(iso) - Date.now()) / 86_400_000));
}

/** "2026-11-07" + one day → "2026-11-08" (for an inclusive end date turned exclusive). */
export function nextDay(date: string): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + 86_400_000).toISOString().slice(0, 10);
}

/** How long until `iso`: "in 11 h 40 min", "in 9 min", "now". */
export function timeLeft(iso: string): string {
  const minutes = Math.ceil((Date.parse(iso) - Date.now()) / 60_000);
  if (minutes <= 0) return 'now';
  if (minutes < 60) return `in ${minutes} min`;
  const hours = Math.floor(minutes / 60);
  if (hours < 48) return `in ${hours} h${minutes % 60 ? ` ${minutes % 60} min` : ''}`;
  return `in ${Math.round(hours / 24)} days`;
}
