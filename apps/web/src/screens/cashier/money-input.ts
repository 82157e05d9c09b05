import { MAX_PAYMENT_AMOUNT, parseTypedAmount, type AmountProblem, type MinorUnits } from '@spaflow/domain';

/** Why a typed amount cannot be paid (the i18n key under `cashier:amountErrors`). */
export type AmountError = AmountProblem | 'zero';

export type ParsedAmount = { ok: true; value: MinorUnits } | { ok: false; error: AmountError };

/** The currency's symbol as the shop's locale writes it ("₱"), shown in front of the amount fields. */
export function currencySymbolOf(shop: { currency: string; locale: string }): string {
  return (
    new Intl.NumberFormat(shop.locale, { style: 'currency', currency: shop.currency })
      .formatToParts(0)
      .find((part) => part.type === 'currency')?.value ?? shop.currency
  );
}

/** Cash counted or put in a drawer: exact minor units (the domain's parser), zero allowed, within one payment's limit. */
export function parseCashCount(text: string, fractionDigits: number): ParsedAmount {
  const parsed = parseTypedAmount(text, fractionDigits);
  if (!parsed.ok) return { ok: false, error: parsed.problem };
  if (parsed.value > MAX_PAYMENT_AMOUNT) return { ok: false, error: 'tooLarge' };
  return parsed;
}

/** A typed payment amount: as a cash count, and more than zero. */
export function parseAmount(text: string, fractionDigits: number): ParsedAmount {
  const parsed = parseCashCount(text, fractionDigits);
  if (parsed.ok && parsed.value === 0) return { ok: false, error: 'zero' };
  return parsed;
}
