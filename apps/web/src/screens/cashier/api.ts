import {
  currentDrawerSchema,
  discountTypeListSchema,
  drawerAnswerSchema,
  maybeTransactionResultSchema,
  paymentListSchema,
  paymentResultSchema,
  queueSnapshotSchema,
  transactionListSchema,
  receiptSchema,
  transactionResultSchema,
  type ApplyDiscountInput,
  type DiscountTypeView,
  type DrawerCloseInput,
  type DrawerView,
  type PaymentInput,
  type PaymentResult,
  type PaymentView,
  type Receipt,
  type TransactionView,
} from '@spaflow/domain';
import { apiRequest } from '../../api/http';
import type { FloorFeed } from '../../realtime/useFloor';

/**
 * What a cashier station watches: the payment queue (as of its seq) and the customer this cashier holds,
 * if any. The socket then brings every awaiting_payment / paying / paid step after that seq.
 */
export const CASHIER_FEED: FloorFeed = {
  loadSnapshot: async (token) => {
    const [queue, current] = await Promise.all([
      apiRequest<unknown>('GET', '/api/queues/cashier', { token }).then((body) => queueSnapshotSchema.parse(body)),
      apiRequest<unknown>('GET', '/api/cashier/current', { token }).then((body) =>
        maybeTransactionResultSchema.parse(body),
      ),
    ]);
    const transactions = [...queue.transactions];
    if (current.transaction) transactions.push(current.transaction);
    return { seq: queue.seq, transactions };
  },
};

export async function listPayments(token: string, id: number): Promise<PaymentView[]> {
  return paymentListSchema.parse(await apiRequest('GET', `/api/transactions/${id}/payments`, { token })).payments;
}

export async function claimNext(token: string): Promise<TransactionView | null> {
  return maybeTransactionResultSchema.parse(await apiRequest('POST', '/api/cashier/claim-next', { token })).transaction;
}

export async function release(token: string, id: number): Promise<TransactionView> {
  return transactionResultSchema.parse(await apiRequest('POST', `/api/transactions/${id}/release`, { token }))
    .transaction;
}

export async function takePayment(
  token: string,
  id: number,
  input: PaymentInput,
  idempotencyKey: string,
): Promise<PaymentResult> {
  return paymentResultSchema.parse(
    await apiRequest('POST', `/api/transactions/${id}/payments`, {
      token,
      body: input,
      headers: { 'Idempotency-Key': idempotencyKey },
    }),
  );
}

/** The discount types a cashier may apply (active ones). */
export async function listDiscountTypes(token: string): Promise<DiscountTypeView[]> {
  return discountTypeListSchema.parse(await apiRequest('GET', '/api/discounts', { token })).discounts;
}

export async function applyDiscount(token: string, id: number, input: ApplyDiscountInput): Promise<TransactionView> {
  return transactionResultSchema.parse(
    await apiRequest('POST', `/api/transactions/${id}/discounts`, { token, body: input }),
  ).transaction;
}

export async function removeDiscount(token: string, id: number, discountId: number): Promise<TransactionView> {
  return transactionResultSchema.parse(
    await apiRequest('DELETE', `/api/transactions/${id}/discounts/${discountId}`, { token }),
  ).transaction;
}

export async function voidPayment(token: string, paymentId: number, reason: string): Promise<PaymentResult> {
  return paymentResultSchema.parse(
    await apiRequest('POST', `/api/payments/${paymentId}/void`, { token, body: { reason } }),
  );
}

export async function loadReceipt(token: string, id: number): Promise<Receipt> {
  return receiptSchema.parse(await apiRequest('GET', `/api/transactions/${id}/receipt`, { token }));
}

export async function loadHistory(token: string): Promise<TransactionView[]> {
  return transactionListSchema.parse(await apiRequest('GET', '/api/cashier/history', { token })).transactions;
}

export async function loadDrawer(token: string): Promise<DrawerView | null> {
  return currentDrawerSchema.parse(await apiRequest('GET', '/api/cashier/drawer', { token })).drawer;
}

export async function openDrawer(token: string, openingFloat: number): Promise<DrawerView> {
  return drawerAnswerSchema.parse(
    await apiRequest('POST', '/api/cashier/drawer/open', { token, body: { openingFloat } }),
  ).drawer;
}

export async function closeDrawer(token: string, input: DrawerCloseInput): Promise<DrawerView> {
  return drawerAnswerSchema.parse(await apiRequest('POST', '/api/cashier/drawer/close', { token, body: input })).drawer;
}

/** A key for one payment attempt: crypto.randomUUID where the page is a secure context, else the same from getRandomValues. */
export function newIdempotencyKey(): string {
  if (typeof crypto.randomUUID === 'function') return crypto.randomUUID();
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  bytes[6] = (bytes[6]! & 0x0f) | 0x40;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  const hex = [...bytes].map((byte) => byte.toString(16).padStart(2, '0')).join('');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20)}`;
}
