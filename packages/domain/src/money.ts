/**
 * Money is an integer count of minor units (centavos for PHP) from the database to the screen.
 * Only formatting turns it into a decimal, through Intl.
 */
export type MinorUnits = number;

export function isMinorUnits(value: unknown): value is MinorUnits {
  return typeof value === 'number' && Number.isSafeInteger(value);
}

export function formatMoney(amount: MinorUnits, options: { currency: string; locale: string }): string {
  const format = new Intl.NumberFormat(options.locale, { style: 'currency', currency: options.currency });
  const digits = format.resolvedOptions().maximumFractionDigits ?? 2;
  return format.format(amount / 10 ** digits);
}

/** Whole major units (e.g. pesos) to minor units, for seeds and tests that write prices as people say them. */
export function majorToMinor(major: number, fractionDigits = 2): MinorUnits {
  return Math.round(major * 10 ** fractionDigits);
}
