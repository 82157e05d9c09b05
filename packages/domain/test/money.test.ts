import { describe, expect, it } from 'vitest';
import { formatMoney, fractionDigitsOf, minorToTypedAmount, parseTypedAmount } from '../src/money.js';

describe('amounts as people type them', () => {
  it('become exact minor units, whatever the float would have said', () => {
    const cases: [string, number][] = [
      ['1,234.50', 123_450],
      ['1234.5', 123_450],
      ['₱ 1,250', 125_000],
      ['PHP 500', 50_000],
      ['.75', 75],
      ['0.29', 29], // 0.29 * 100 is 28.999999999999996 in floating point
      ['1,000,000.10', 100_000_010],
      ['007', 700],
      ['12.', 1_200],
    ];
    for (const [typed, minor] of cases)
      expect([typed, parseTypedAmount(typed, 2)]).toEqual([typed, { ok: true, value: minor }]);
  });

  it('refuse what is not plainly an amount, saying why', () => {
    const cases: [string, string][] = [
      ['', 'empty'],
      ['   ', 'empty'],
      ['abc', 'invalid'],
      ['1.2.3', 'invalid'],
      ['12,34', 'invalid'], // a comma that is not a thousands separator is ambiguous
      ['-5', 'invalid'],
      ['.', 'invalid'],
      ['1.234', 'decimals'],
      ['1234567890123', 'tooLarge'],
    ];
    for (const [typed, problem] of cases)
      expect([typed, parseTypedAmount(typed, 2)]).toEqual([typed, { ok: false, problem }]);
  });

  it('follow the currency’s decimals, and read back as typed', () => {
    expect(fractionDigitsOf('PHP', 'en-PH')).toBe(2);
    expect(fractionDigitsOf('JPY', 'ja-JP')).toBe(0);
    expect(parseTypedAmount('1,500', 0)).toEqual({ ok: true, value: 1_500 });
    expect(parseTypedAmount('1,500.5', 0)).toEqual({ ok: false, problem: 'decimals' });
    expect(minorToTypedAmount(123_450, 2)).toBe('1234.50');
    expect(minorToTypedAmount(5, 2)).toBe('0.05');
    expect(minorToTypedAmount(1_500, 0)).toBe('1500');
    for (const minor of [0, 1, 99, 100, 123_456_789]) {
      expect(parseTypedAmount(minorToTypedAmount(minor, 2), 2)).toEqual({ ok: true, value: minor });
    }
    expect(formatMoney(123_450, { currency: 'PHP', locale: 'en-PH' })).toBe('₱1,234.50');
  });
});
