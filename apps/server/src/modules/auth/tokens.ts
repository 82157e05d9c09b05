import { createHash, randomBytes, randomInt } from 'node:crypto';
import { HANDOFF_CODE_ALPHABET, HANDOFF_CODE_LENGTH } from '@spaflow/domain';

/**
 * Opaque bearer tokens: 32 random bytes behind a prefix that says which table holds the hash
 * (staff sessions or customer transactions). Only the SHA-256 of a token is ever stored.
 */
export const STAFF_TOKEN_PREFIX = 'sfs_';
export const CUSTOMER_TOKEN_PREFIX = 'sfc_';

export const TOKEN_LIFETIME_MS = 24 * 60 * 60 * 1000;

export function generateToken(prefix: typeof STAFF_TOKEN_PREFIX | typeof CUSTOMER_TOKEN_PREFIX): string {
  return prefix + randomBytes(32).toString('base64url');
}

export function hashToken(token: string): string {
  return createHash('sha256').update(token).digest('hex');
}

/** A one-time hand-off code: HANDOFF_CODE_LENGTH characters drawn uniformly from the look-alike-free alphabet. */
export function generateHandoffCode(): string {
  return Array.from(
    { length: HANDOFF_CODE_LENGTH },
    () => HANDOFF_CODE_ALPHABET[randomInt(HANDOFF_CODE_ALPHABET.length)],
  ).join('');
}
