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

/** How many minor-unit digits a currency has (2 for PHP), as Intl formats it. */
export function fractionDigitsOf(currency: string, locale = 'en'): number {
  return new Intl.NumberFormat(locale, { style: 'currency', currency }).resolvedOptions().maximumFractionDigits ?? 2;
}

/** Why a typed amount is not one: nothing typed, not a number, too many decimals, or more digits than money has. */
export type AmountProblem = 'empty' | 'invalid' | 'decimals' | 'tooLarge';

/** Digits with optional thousands commas (all groups of three, or none), then an optional decimal part. */
const TYPED_AMOUNT = /^(\d{1,3}(?:,\d{3})+|\d+)?(?:\.(\d*))?$/;

/**
 * An amount as a person types it ("1,250.50", "1250.5", "₱ 500", ".75") to integer minor units, by string
 * arithmetic only: no floating point ever touches the value. Anything ambiguous is refused, not guessed.
 */
export function parseTypedAmount(
  text: string,
  fractionDigits: number,
): { ok: true; value: MinorUnits } | { ok: false; problem: AmountProblem } {
  // A currency sign or code in front ("₱", "PHP") and spaces are what people type around a number.
  const cleaned = text.replace(/\s+/g, '').replace(/^[^\d.,-]+/, '');
  if (cleaned === '') return { ok: false, problem: text.trim() === '' ? 'empty' : 'invalid' };
  const match = TYPED_AMOUNT.exec(cleaned);
  if (!match) return { ok: false, problem: 'invalid' };
  const [, wholePart, fractionPart = ''] = match;
  if (wholePart === undefined && fractionPart === '') return { ok: false, problem: 'invalid' };
  if (fractionPart.length > fractionDigits) return { ok: false, problem: 'decimals' };
  const whole = (wholePart ?? '0').replace(/,/g, '').replace(/^0+(?=\d)/, '');
  // More digits than any price or payment; also keeps the value far inside exact integers.
  if (whole.length > 12) return { ok: false, problem: 'tooLarge' };
  return { ok: true, value: Number(whole + fractionPart.padEnd(fractionDigits, '0')) };
}

/** Minor units back to what a person would type (125050 → "1250.50"), again by string arithmetic only. */
export function minorToTypedAmount(value: MinorUnits, fractionDigits: number): string {
  const digits = String(Math.abs(Math.trunc(value))).padStart(fractionDigits + 1, '0');
  const sign = value < 0 ? '-' : '';
  if (fractionDigits === 0) return sign + digits;
  return `${sign}${digits.slice(0, -fractionDigits)}.${digits.slice(-fractionDigits)}`;
}

/**
 * The amounts a cashier offers as one-tap "cash received" buttons for `due` (minor units): the exact amount,
 * then `due` rounded up to the next whole 100, 500 and 1,000 of the currency (the notes customers hand
 * over), without repeats, smallest first, at most four. A due that is already a round number gives fewer.
 */
export function cashQuickAmounts(due: MinorUnits, fractionDigits: number): MinorUnits[] {
  if (!Number.isSafeInteger(due) || due <= 0) return [];
  const unit = 10 ** fractionDigits;
  const roundUp = (step: number) => Math.ceil(due / (step * unit)) * step * unit;
  return [...new Set([due, roundUp(100), roundUp(500), roundUp(1000)])].sort((a, b) => a - b).slice(0, 4);
}
