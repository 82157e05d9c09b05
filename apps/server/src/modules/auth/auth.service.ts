import { AppError, isStaffRole, type LoginInput, type LoginResult, type User } from '@spaflow/domain';
import type { Clock } from '../../clock.js';
import type { Database } from '../../db/database.js';
import type { RevocationFeed } from '../../realtime/changes.js';
import { findAccountByUsername } from '../staff/staff.repository.js';
import {
  countLoginFailures,
  deleteLoginFailuresBefore,
  findLiveSession,
  findTransactionByCustomerToken,
  insertSession,
  recordLoginFailure,
  revokeSession,
} from './auth.repository.js';
import { verifyAgainstNobody, verifyPassword } from './password.js';
import type { Principal, StaffPrincipal } from './principal.js';
import { CUSTOMER_TOKEN_PREFIX, STAFF_TOKEN_PREFIX, TOKEN_LIFETIME_MS, generateToken, hashToken } from './tokens.js';

/**
 * 5 failed sign-ins per user and address in 15 minutes, then 429 until the window passes.
 * Counted in the database, so the limit holds for the whole shop however many app nodes serve it.
 * Successful sign-ins do not count.
 */
const LOGIN_FAILURE_LIMIT = 5;
const LOGIN_FAILURE_WINDOW_MS = 15 * 60 * 1000;
const usernameKey = (username: string) => username.toLowerCase().slice(0, 64);

export class AuthService {
  constructor(private readonly deps: { database: Database; clock: Clock; revocations: RevocationFeed }) {}

  /** Housekeeping: failures older than the window no longer count. */
  async sweepLoginFailures(): Promise<number> {
    return deleteLoginFailuresBefore(this.deps.database.db, this.deps.clock.now() - LOGIN_FAILURE_WINDOW_MS);
  }

  async login(input: LoginInput, address: string): Promise<LoginResult> {
    const now = this.deps.clock.now();
    const db = this.deps.database.db;
    const failures = await countLoginFailures(db, usernameKey(input.username), address, now - LOGIN_FAILURE_WINDOW_MS);
    if (failures >= LOGIN_FAILURE_LIMIT) {
      throw new AppError('rate_limited', 'Too many failed sign-ins for this user. Try again in 15 minutes.');
    }
    const account = await findAccountByUsername(db, input.username);
    const passwordMatches = account
      ? await verifyPassword(input.password, account.password_hash)
      : await verifyAgainstNobody(input.password);
    if (!account || !passwordMatches || account.active !== 1 || !isStaffRole(account.role)) {
      await recordLoginFailure(db, usernameKey(input.username), address, now);
      throw new AppError('unauthenticated', 'Wrong username or password, or the account is deactivated.');
    }
    const token = generateToken(STAFF_TOKEN_PREFIX);
    const expiresAt = now + TOKEN_LIFETIME_MS;
    await insertSession(this.deps.database.db, { accountId: account.id, tokenHash: hashToken(token), expiresAt }, now);
    return {
      token,
      expiresAt: new Date(expiresAt).toISOString(),
      user: { id: account.id, username: account.username, displayName: account.display_name, role: account.role },
    };
  }

  /** The principal a bearer token stands for, or null when it is unknown, expired, revoked or its account inactive. */
  async authenticate(token: string): Promise<Principal | null> {
    const now = this.deps.clock.now();
    if (token.startsWith(STAFF_TOKEN_PREFIX)) {
      const session = await findLiveSession(this.deps.database.db, hashToken(token), now);
      if (!session) return null;
      return {
        kind: 'staff',
        sessionId: session.sessionId,
        accountId: session.accountId,
        username: session.username,
        displayName: session.displayName,
        role: session.role,
        expiresAt: session.expiresAt,
      };
    }
    if (token.startsWith(CUSTOMER_TOKEN_PREFIX)) {
      const transaction = await findTransactionByCustomerToken(this.deps.database.db, hashToken(token), now);
      return transaction ? { kind: 'customer', transactionId: transaction.id, expiresAt: transaction.expiresAt } : null;
    }
    return null;
  }

  async logout(principal: StaffPrincipal): Promise<void> {
    await revokeSession(this.deps.database.db, principal.sessionId, this.deps.clock.now());
    this.deps.revocations.publish({ sessionId: principal.sessionId });
  }
}

export function userOf(principal: StaffPrincipal): User {
  return {
    id: principal.accountId,
    username: principal.username,
    displayName: principal.displayName,
    role: principal.role,
  };
}
