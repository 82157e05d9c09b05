const dateFormats = new Map<string, Intl.DateTimeFormat>();

/** The business day (`YYYY-MM-DD`) an instant falls on in the shop's time zone: ticket codes and "today" use it. */
export function businessDateOf(epochMs: number, timeZone: string): string {
  let format = dateFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-CA', { timeZone, year: 'numeric', month: '2-digit', day: '2-digit' });
    dateFormats.set(timeZone, format);
  }
  return format.format(epochMs);
}

/** The offset (ms) of `timeZone` from UTC at an instant. */
function zoneOffsetMs(epochMs: number, timeZone: string): number {
  const parts = new Intl.DateTimeFormat('en-US', {
    timeZone,
    hourCycle: 'h23',
    year: 'numeric',
    month: '2-digit',
    day: '2-digit',
    hour: '2-digit',
    minute: '2-digit',
    second: '2-digit',
  }).formatToParts(epochMs);
  const value = (type: string) => Number(parts.find((part) => part.type === type)?.value);
  const asUtc = Date.UTC(
    value('year'),
    value('month') - 1,
    value('day'),
    value('hour'),
    value('minute'),
    value('second'),
  );
  return asUtc - Math.floor(epochMs / 1000) * 1000;
}

/** Local midnight of a business date in `timeZone`, as epoch ms (DST-safe: the offset is re-read at the result). */
function startOfBusinessDate(date: string, timeZone: string): number {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const utcMidnight = Date.UTC(year, month - 1, day);
  const guess = utcMidnight - zoneOffsetMs(utcMidnight, timeZone);
  return utcMidnight - zoneOffsetMs(guess, timeZone);
}

/** The instants [start, end) of one business day, for "today" figures over UTC-stored times. */
export function businessDayRange(date: string, timeZone: string): { start: number; end: number } {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const next = new Date(Date.UTC(year, month - 1, day + 1)).toISOString().slice(0, 10);
  return { start: startOfBusinessDate(date, timeZone), end: startOfBusinessDate(next, timeZone) };
}

export const BUSINESS_DATE_PATTERN = /^\d{4}-\d{2}-\d{2}$/;

const hourFormats = new Map<string, Intl.DateTimeFormat>();

/** The hour of the day (0–23) an instant falls on in the shop's time zone: sales by hour use it. */
export function businessHourOf(epochMs: number, timeZone: string): number {
  let format = hourFormats.get(timeZone);
  if (!format) {
    format = new Intl.DateTimeFormat('en-US', { timeZone, hour: '2-digit', hourCycle: 'h23' });
    hourFormats.set(timeZone, format);
  }
  return Number(format.format(epochMs)) % 24;
}
