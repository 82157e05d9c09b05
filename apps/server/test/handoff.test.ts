import { HANDOFF_CODE_ALPHABET } from '@spaflow/domain';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from './support/app.js';
import { testEngines } from './support/databases.js';
import { catalogIndex, createSelection, createWaiting, expectOk, type CatalogIndex } from './support/floor.js';
import { eventually, listen } from './support/sockets.js';

const CODE = new RegExp(`^[${HANDOFF_CODE_ALPHABET}]{8}$`);

describe.each(testEngines())('the ticket on the phone on %s', (engine) => {
  let t: TestApp;
  let menu: CatalogIndex;
  let swedish: number;

  const handoff = (id: number, token?: string) => t.api.post(`/api/transactions/${id}/handoff`, undefined, token);
  const redeem = (handoffCode: unknown) => t.api.post('/api/handoff/redeem', { handoffCode });
  const countTokens = async () =>
    Number(
      (
        await t.testDb.database.db
          .selectFrom('customer_tokens')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .executeTakeFirstOrThrow()
      ).n,
    );

  beforeAll(async () => {
    t = await startTestApp(engine);
    menu = await catalogIndex(t.api);
    swedish = menu.get('Swedish 60 minutes')!.classificationId;
  });
  afterAll(async () => t?.close());

  it('hands a confirmed ticket to a phone once: a token of its own for that ticket alone', async () => {
    const ticket = await createWaiting(t.api, [{ classificationId: swedish }]);
    const other = await createWaiting(t.api, [{ classificationId: swedish }]);
    const issued = await expectOk(handoff(ticket.id, ticket.token));
    expect(Object.keys(issued).sort()).toEqual(['expiresAt', 'handoffCode']);
    expect(issued.handoffCode).toMatch(CODE);
    expect(Date.parse(issued.expiresAt)).toBe(t.clock.now() + 10 * 60 * 1000);

    // Typed by hand: lower case, grouped with a dash or a space.
    const typed = `${issued.handoffCode.slice(0, 4).toLowerCase()}-${issued.handoffCode.slice(4)}`;
    const redeemed = await expectOk(redeem(typed));
    expect(Object.keys(redeemed).sort()).toEqual(['customerToken', 'transaction']);
    expect(redeemed.transaction).toMatchObject({
      id: ticket.id,
      code: ticket.transaction.code,
      status: 'pending_therapist',
    });
    expect(redeemed.transaction).not.toHaveProperty('priorityReason');
    const phone: string = redeemed.customerToken;
    expect(phone).not.toBe(ticket.token);

    // The phone's token opens that ticket, its live room, and nothing else.
    expect((await expectOk(t.api.get(`/api/transactions/${ticket.id}`, phone))).transaction.id).toBe(ticket.id);
    expect((await t.api.get(`/api/transactions/${other.id}`, phone)).status).toBe(403);
    expect((await t.api.get('/api/queues/therapist', phone)).status).toBe(403);
    const live = await listen(t.api.baseUrl, phone);
    const therapist = await t.api.login('therapist1');
    await expectOk(t.api.post(`/api/transactions/${ticket.id}/claim`, {}, therapist));
    await eventually(
      () => live.heard.some((heard) => heard.transactionId === ticket.id && heard.action === 'therapist_confirm'),
      'the claim on the phone',
    );
    expect(live.heard.every((heard) => heard.transactionId === undefined || heard.transactionId === ticket.id)).toBe(
      true,
    );
    live.close();
    await expectOk(t.api.post(`/api/transactions/${ticket.id}/release`, undefined, therapist));

    // Only the phone (or staff) cancels from here on; the phone can.
    expect((await redeem(issued.handoffCode)).body.error.code).toBe('handoff_used');
    expect((await redeem(issued.handoffCode)).status).toBe(410);
    await expectOk(t.api.post(`/api/transactions/${ticket.id}/cancel`, {}, phone));
  });

  it('refuses hand-offs before confirm, of others, and codes unknown, malformed or expired', async () => {
    const selecting = await createSelection(t.api, [{ classificationId: swedish }]);
    expect((await handoff(selecting.id, selecting.token)).body.error.code).toBe('invalid_transition');
    const ticket = await createWaiting(t.api, [{ classificationId: swedish }]);
    expect((await handoff(ticket.id, selecting.token)).status).toBe(403);
    expect((await handoff(ticket.id)).status).toBe(401);
    expect((await handoff(ticket.id, await t.api.login('cashier1'))).status).toBe(403);

    expect((await redeem('ABCDEFGH')).status).toBe(404);
    expect((await redeem('ABCDEFGH')).body.error.code).toBe('not_found');
    for (const malformed of ['ABCDEFG', 'ABCDEFGHJ', 'ABCDEFG0', 'ABCDEFGI', 12345678, '']) {
      expect((await redeem(malformed)).body.error.code).toBe('validation_failed');
    }

    const stale = (await expectOk(handoff(ticket.id, ticket.token))).handoffCode;
    t.clock.advance(10 * 60 * 1000);
    expect((await redeem(stale)).body.error).toMatchObject({ code: 'handoff_expired' });
    expect((await redeem(stale)).status).toBe(410);

    // A new code replaces the one before.
    const replaced = (await expectOk(handoff(ticket.id, ticket.token))).handoffCode;
    const current = (await expectOk(handoff(ticket.id, ticket.token))).handoffCode;
    expect((await redeem(replaced)).body.error.code).toBe('handoff_expired');
    await expectOk(redeem(current));

    // A closed ticket has nothing to follow.
    await expectOk(t.api.post(`/api/transactions/${ticket.id}/cancel`, {}, ticket.token));
    expect((await handoff(ticket.id, ticket.token)).body.error.code).toBe('invalid_transition');
  });

  it('lets exactly one of many concurrent redeems of one code succeed', async () => {
    const ticket = await createWaiting(t.api, [{ classificationId: swedish }]);
    const { handoffCode } = await expectOk(handoff(ticket.id, ticket.token));
    const tokensBefore = await countTokens();
    const answers = await Promise.all(Array.from({ length: 10 }, () => redeem(handoffCode)));
    const outcomes = answers.map((answer) => (answer.status === 200 ? 'ok' : answer.body.error.code)).sort();
    expect(outcomes).toEqual([
      'handoff_used',
      'handoff_used',
      'handoff_used',
      'handoff_used',
      'handoff_used',
      'handoff_used',
      'handoff_used',
      'handoff_used',
      'handoff_used',
      'ok',
    ]);
    expect(await countTokens()).toBe(tokensBefore + 1);
    const winner = answers.find((answer) => answer.status === 200)!;
    expect((await t.api.get(`/api/transactions/${ticket.id}`, winner.body.customerToken)).status).toBe(200);
  });

  it('lets a kiosk that timed out cancel its selection as expired, and only a selection', async () => {
    const idle = await createSelection(t.api, [{ classificationId: swedish }]);
    const cancelled = await expectOk(
      t.api.post(`/api/transactions/${idle.id}/cancel`, { reason: 'expired' }, idle.token),
    );
    expect(cancelled.transaction).toMatchObject({ status: 'cancelled', cancelReason: 'expired' });
    const events = await t.testDb.database.db
      .selectFrom('transaction_events')
      .select(['action', 'actor_type'])
      .where('transaction_id', '=', idle.id)
      .where('action', '=', 'cancel')
      .execute();
    expect(events).toEqual([{ action: 'cancel', actor_type: 'customer' }]);

    const waiting = await createWaiting(t.api, [{ classificationId: swedish }]);
    for (const reason of ['expired', 'no_show', 'staff_decision']) {
      const refused = await t.api.post(`/api/transactions/${waiting.id}/cancel`, { reason }, waiting.token);
      expect([refused.status, refused.body.error.code]).toEqual([400, 'validation_failed']);
    }
    const selecting = await createSelection(t.api, [{ classificationId: swedish }]);
    expect(
      (await t.api.post(`/api/transactions/${selecting.id}/cancel`, { reason: 'no_show' }, selecting.token)).status,
    ).toBe(400);
  });
});

describe('hand-off redeem limits (per address)', () => {
  let t: TestApp;
  beforeAll(async () => {
    t = await startTestApp('sqlite');
  });
  afterAll(async () => t?.close());

  it('answers 429 after 30 attempts a minute from one address, and redeems nothing then', async () => {
    const menu = await catalogIndex(t.api);
    const ticket = await createWaiting(t.api, [{ classificationId: menu.get('Swedish 60 minutes')!.classificationId }]);
    const { handoffCode } = await expectOk(
      t.api.post(`/api/transactions/${ticket.id}/handoff`, undefined, ticket.token),
    );
    const guesses = await Promise.all(
      Array.from({ length: 30 }, (_, index) =>
        t.api.post('/api/handoff/redeem', { handoffCode: `ABCDEF${HANDOFF_CODE_ALPHABET[index]}2` }),
      ),
    );
    expect(guesses.map((guess) => guess.status)).toEqual(Array.from({ length: 30 }, () => 404));
    const blocked = await t.api.post('/api/handoff/redeem', { handoffCode });
    expect([blocked.status, blocked.body.error.code]).toEqual([429, 'rate_limited']);
    const row = await t.testDb.database.db
      .selectFrom('handoff_codes')
      .select('redeemed_at')
      .where('transaction_id', '=', ticket.id)
      .executeTakeFirstOrThrow();
    expect(row.redeemed_at).toBeNull();
  });
});
