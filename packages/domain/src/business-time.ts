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
