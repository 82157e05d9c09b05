import { describe, expect, it } from 'vitest';
import { allocateDiscount, commissionOf } from '../src/earnings.js';

describe('a ticket discount spread over its lines', () => {
  it('keeps every centavo: the lines add up to the ticket’s net sales', () => {
    expect(allocateDiscount([80_000, 130_000], 21_000)).toEqual([72_000, 117_000]);
    // 100 over three equal lines: the odd centavo goes to the first line.
    expect(allocateDiscount([1_000, 1_000, 1_000], 100)).toEqual([966, 967, 967]);
    for (const [lines, discount] of [
      [[333, 333, 334], 101],
      [[80_000, 60_000, 1], 13_999],
      [[5], 5],
    ] as const) {
      const net = allocateDiscount(lines, discount);
      expect(net.reduce((a, b) => a + b, 0)).toBe(lines.reduce((a, b) => a + b, 0) - discount);
      expect(net.every((value, index) => value >= 0 && value <= lines[index]!)).toBe(true);
    }
    expect(allocateDiscount([500, 700], 0)).toEqual([500, 700]);
  });

  it('pays a whole percent of net sales, rounded to the centavo', () => {
    expect(commissionOf(80_000, 40)).toBe(32_000);
    expect(commissionOf(999, 35)).toBe(350); // 349.65
    expect(commissionOf(1_001, 50)).toBe(501); // 500.5 rounds up
    expect(commissionOf(12_345, 0)).toBe(0);
  });
});
