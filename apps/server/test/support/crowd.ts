import type { FastifyInstance } from 'fastify';
import type { DestinationStream } from 'pino';
import { buildApp } from '../../src/app.js';
import { insertRoom } from '../../src/modules/rooms/rooms.repository.js';
import { createStaffMember } from '../../src/modules/staff/staff.service.js';
import { listen, type TestApp } from './app.js';
import { testConfig } from './config.js';
import { createSelection, type Ticket } from './floor.js';
import { ApiClient, type ApiResponse } from './http.js';

/** Helpers for crowds: many staff, many rooms, many customers, all at once over real HTTP. */

export type Member = { username: string; accountId: number; token: string; api: ApiClient };

/** A response a crowd did not expect, kept so a test can assert the list is empty and show it when not. */
export type Surprise = { who: string; step: string; status: number; code: string | undefined; message?: string };

/** Every non-200 answer a crowd got, in arrival order. */
export class Ledger {
  readonly surprises: Surprise[] = [];
  requests = 0;

  /** Counts the response; records it unless its status is `expected`. True when it was expected. */
  check(who: string, step: string, response: ApiResponse, expected = 200): boolean {
    this.requests++;
    if (response.status === expected) return true;
    this.surprises.push({
      who,
      step,
      status: response.status,
      code: response.body?.error?.code,
      message: response.body?.error?.message,
    });
    return false;
  }
}

/** The error-level log lines of an app, so a 500 in a crowd test shows its cause. */
export function errorLog(): { stream: DestinationStream; lines: string[] } {
  const lines: string[] = [];
  return { stream: { write: (line: string) => void lines.push(line.trim()) }, lines };
}

/** Zero-padded names: name('therapist', 7) → 'therapist007'. */
export const padded = (prefix: string, n: number, width = 3) => `${prefix}${String(n).padStart(width, '0')}`;

/** Creates staff accounts (password 'password123') the way the admin CLI does, all at once. */
export async function hireStaff(
  t: TestApp,
  role: 'therapist' | 'cashier',
  usernames: readonly string[],
): Promise<void> {
  await Promise.all(
    usernames.map((username, index) =>
      createStaffMember(
        { database: t.testDb.database, clock: t.clock },
        {
          role,
          username,
          displayName: `Crowd ${role} ${username}`,
          password: 'password123',
          ...(role === 'cashier' ? { counter: `X${index + 1}` } : {}),
        },
      ),
    ),
  );
}

/** Adds available rooms with the given names. */
export async function addRooms(t: TestApp, names: readonly string[]): Promise<number[]> {
  const ids: number[] = [];
  for (const name of names) ids.push(await insertRoom(t.testDb.database.db, { name }, t.clock.now()));
  return ids;
}

/**
 * Signs each username in over HTTP, on the node given for it (round robin over `nodes`), and looks up its
 * account id. Each node limits logins to 100 a minute per address, so keep each node's share under that.
 */
export async function signIn(
  t: TestApp,
  usernames: readonly string[],
  nodes: ApiClient[] = [t.api],
): Promise<Member[]> {
  const accounts = await t.testDb.database.db
    .selectFrom('accounts')
    .select(['id', 'username'])
    .where('username', 'in', usernames)
    .execute();
  const idOf = new Map(accounts.map((account) => [account.username, account.id]));
  return Promise.all(
    usernames.map(async (username, index) => {
      const api = nodes[index % nodes.length]!;
      return { username, accountId: idOf.get(username)!, token: await api.login(username), api };
    }),
  );
}

/** `count` customers at the kiosk, then all of them confirm; returns the tickets in id order. */
export async function fillTherapistQueue(
  api: ApiClient,
  count: number,
  classificationId: number,
  nodes: ApiClient[] = [api],
): Promise<Ticket[]> {
  const tickets = await Promise.all(
    Array.from({ length: count }, (_, index) => createSelection(nodes[index % nodes.length]!, [{ classificationId }])),
  );
  const ledger = new Ledger();
  await Promise.all(
    tickets.map(async (ticket, index) => {
      const response = await nodes[index % nodes.length]!.post(
        `/api/transactions/${ticket.id}/confirm`,
        undefined,
        ticket.token,
      );
      ledger.check(`customer ${ticket.id}`, 'confirm', response);
    }),
  );
  if (ledger.surprises.length > 0) throw new Error(`confirm failed: ${JSON.stringify(ledger.surprises)}`);
  return tickets.sort((a, b) => a.id - b.id);
}

export type Shift = { member: Member; claimed: number[]; sawEmptyQueue: boolean };

/**
 * One therapist working the queue until it is empty: claim next → start → finish → mark the room ready,
 * again and again. Any answer other than 200 is recorded and ends the shift (so a failure cannot spin).
 */
export async function therapistShift(member: Member, ledger: Ledger, maxClaims = 1000): Promise<Shift> {
  const { api, token, username } = member;
  const shift: Shift = { member, claimed: [], sawEmptyQueue: false };
  while (shift.claimed.length < maxClaims) {
    const claim = await api.post('/api/therapist/claim-next', {}, token);
    if (!ledger.check(username, 'claim-next', claim)) break;
    const transaction = claim.body.transaction;
    if (transaction === null) {
      shift.sawEmptyQueue = true;
      break;
    }
    shift.claimed.push(transaction.id);
    const start = await api.post(`/api/transactions/${transaction.id}/start`, undefined, token);
    if (!ledger.check(username, `start ${transaction.id}`, start)) break;
    const finish = await api.post(`/api/transactions/${transaction.id}/finish`, undefined, token);
    if (!ledger.check(username, `finish ${transaction.id}`, finish)) break;
    const ready = await api.post(`/api/rooms/${transaction.room.id}/ready`, undefined, token);
    if (!ledger.check(username, `ready room ${transaction.room.id}`, ready)) break;
  }
  return shift;
}

/** Every therapist works at once until each has seen an empty queue (or a surprise). */
export async function workTherapistQueue(members: readonly Member[], ledger = new Ledger()) {
  const shifts = await Promise.all(members.map((member) => therapistShift(member, ledger)));
  return { shifts, ledger };
}

/** A second app node on the same database: its own connection pool, same config and clock. */
export async function startSecondNode(
  t: TestApp,
  options: { logStream?: DestinationStream } = {},
): Promise<{ app: FastifyInstance; api: ApiClient; close(): Promise<void> }> {
  const app = await buildApp({
    config: testConfig(t.testDb.target, { logLevel: 'error' }),
    database: t.testDb.connect(),
    clock: t.clock,
    ...(options.logStream ? { logStream: options.logStream } : {}),
  });
  const api = new ApiClient(await listen(app));
  return { app, api, close: () => app.close() };
}

/**
 * What the audit log says about therapist claims: claims per transaction, and, per therapist, any break in
 * the pattern confirm → start → finish (on the same transaction), which is what holding two at once (or
 * a step by the wrong person) would leave behind.
 */
export async function auditTherapistClaims(t: TestApp) {
  const events = await t.testDb.database.db
    .selectFrom('transaction_events')
    .select(['id', 'transaction_id', 'action', 'actor_id'])
    .where('action', 'in', ['therapist_confirm', 'service_start', 'service_finish'])
    .orderBy('id')
    .execute();
  const claimsPerTransaction = new Map<number, number>();
  const byTherapist = new Map<number, typeof events>();
  for (const event of events) {
    if (event.action === 'therapist_confirm') {
      claimsPerTransaction.set(event.transaction_id, (claimsPerTransaction.get(event.transaction_id) ?? 0) + 1);
    }
    const list = byTherapist.get(event.actor_id!) ?? [];
    list.push(event);
    byTherapist.set(event.actor_id!, list);
  }
  const pattern = ['therapist_confirm', 'service_start', 'service_finish'];
  const breaks: string[] = [];
  for (const [therapistId, list] of byTherapist) {
    list.forEach((event, index) => {
      const expectedAction = pattern[index % 3];
      const claimOf = list[index - (index % 3)]!;
      if (event.action !== expectedAction || event.transaction_id !== claimOf.transaction_id) {
        breaks.push(
          `therapist ${therapistId}: seq ${event.id} is ${event.action} of ${event.transaction_id}, expected ${expectedAction} of ${claimOf.transaction_id}`,
        );
      }
    });
    if (list.length % 3 !== 0)
      breaks.push(`therapist ${therapistId} still holds transaction ${list.at(-1)!.transaction_id}`);
  }
  return {
    claimEvents: events.filter((e) => e.action === 'therapist_confirm').length,
    claimsPerTransaction,
    byTherapist,
    breaks,
  };
}

/** How many transactions are in each status. */
export async function statusCounts(t: TestApp): Promise<Record<string, number>> {
  const rows = await t.testDb.database.db
    .selectFrom('transactions')
    .select(['status', (eb) => eb.fn.countAll<number>().as('count')])
    .groupBy('status')
    .execute();
  return Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
}

/**
 * Closes the apps (second nodes first), then always drops the test database, so a failing close cannot
 * leak a MariaDB/PostgreSQL database. A close that fails is reported with how long it took: a node that
 * cannot shut down within Fastify's 10 s budget after a crowd is a finding, not noise.
 */
export async function closeCrowd(t: TestApp | undefined, nodes: readonly { close(): Promise<void> }[] = []) {
  const errors: string[] = [];
  const close = async (label: string, closing: () => Promise<void>) => {
    const started = Date.now();
    await closing().catch((error: unknown) =>
      errors.push(`${label} close failed after ${Date.now() - started} ms: ${String(error)}`),
    );
  };
  for (const [index, node] of nodes.entries()) await close(`node ${index + 2}`, () => node.close());
  if (t) {
    await close('app', () => t.app.close());
    await t.testDb.drop();
  }
  if (errors.length > 0) throw new Error(errors.join('; '));
}
