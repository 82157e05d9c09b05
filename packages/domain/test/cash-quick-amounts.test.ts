import { describe, expect, it } from 'vitest';
import { cashQuickAmounts } from '../src/money.js';

describe('cash quick amounts', () => {
  it('offer the exact amount, then the next ₱100, ₱500 and ₱1,000 above it', () => {
    expect(cashQuickAmounts(74_950, 2)).toEqual([74_950, 80_000, 100_000]); // 500 and 1,000 round to the same
    expect(cashQuickAmounts(123_450, 2)).toEqual([123_450, 130_000, 150_000, 200_000]);
    expect(cashQuickAmounts(175_000, 2)).toEqual([175_000, 180_000, 200_000]);
    expect(cashQuickAmounts(1, 2)).toEqual([1, 10_000, 50_000, 100_000]);
  });

  it('never repeat an amount, and a round amount is only itself and the larger notes', () => {
    expect(cashQuickAmounts(50_000, 2)).toEqual([50_000, 100_000]);
    expect(cashQuickAmounts(100_000, 2)).toEqual([100_000]);
    expect(cashQuickAmounts(30_000, 2)).toEqual([30_000, 50_000, 100_000]);
  });

  it('hold for every amount: ascending, distinct, at most four, the first exact, none below the amount', () => {
    for (let due = 1; due <= 300_000; due += 37) {
      const amounts = cashQuickAmounts(due, 2);
      expect(amounts[0]).toBe(due);
      expect(amounts.length).toBeLessThanOrEqual(4);
      for (let index = 1; index < amounts.length; index++) {
        expect(amounts[index]!).toBeGreaterThan(amounts[index - 1]!);
        expect(amounts[index]! % 10_000).toBe(0);
      }
    }
  });

  it('follow the currency’s decimals, and offer nothing for nothing due', () => {
    expect(cashQuickAmounts(1_250, 0)).toEqual([1_250, 1_300, 1_500, 2_000]);
    expect(cashQuickAmounts(0, 2)).toEqual([]);
    expect(cashQuickAmounts(-5, 2)).toEqual([]);
  });
});
