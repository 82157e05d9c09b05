import { describe, expect, it } from 'vitest';
import { HANDOFF_CODE_ALPHABET, handoffCodeSchema, normalizeHandoffCode, waitMinutes } from '../src/index.js';

describe('waitMinutes', () => {
  it('rounds up, and never says 0 while anyone waits', () => {
    expect([0, 1, 59, 60, 61, 3600].map((s) => waitMinutes(s, true))).toEqual([1, 1, 1, 1, 2, 60]);
    expect([0, 1, 60, 61].map((s) => waitMinutes(s, false))).toEqual([0, 1, 1, 2]);
    expect(waitMinutes(-5, true)).toBe(1);
  });
});

describe('hand-off codes', () => {
  it('use no look-alike characters', () => {
    for (const lookAlike of '01ILOU') expect(HANDOFF_CODE_ALPHABET).not.toContain(lookAlike);
    expect(new Set(HANDOFF_CODE_ALPHABET).size).toBe(HANDOFF_CODE_ALPHABET.length);
  });

  it('accept what a customer types: any case, grouped with spaces or dashes', () => {
    expect(normalizeHandoffCode(' abcd-efgh ')).toBe('ABCDEFGH');
    expect(handoffCodeSchema.parse('k7m2 x9pq')).toBe('K7M2X9PQ');
    for (const bad of ['K7M2X9P', 'K7M2X9PQR', 'K7M2X9P0', 'K7M2X9PI']) {
      expect(handoffCodeSchema.safeParse(bad).success).toBe(false);
    }
  });
});
