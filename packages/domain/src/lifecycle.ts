/**
 * The transaction lifecycle of DESIGN.md 2.1 as data: which action moves which state to which, and who may
 * do it. The server refuses anything not in this table (409 invalid_transition); the web app uses the same
 * table to show only the buttons that apply.
 */
export const TRANSACTION_STATUSES = [
  'selecting',
  'pending_therapist',
  'therapist_confirmed',
  'in_service',
  'finished',
  'awaiting_payment',
  'paying',
  'paid',
  'cancelled',
] as const;
export type TransactionStatus = (typeof TRANSACTION_STATUSES)[number];

export const TRANSACTION_ACTIONS = [
  'create',
  'customer_confirm_selection',
  'therapist_confirm',
  'service_start',
  'service_finish',
  'payment_enqueue',
  'cashier_claim',
  'payment_recorded',
  'payment_complete',
  'release',
  'cancel',
  'items_changed',
  'recall',
] as const;
export type TransactionAction = (typeof TRANSACTION_ACTIONS)[number];

/**
 * Who acts. `owner` is the customer holding this transaction's token; `assigned_therapist` the therapist who
 * claimed it; `claiming_cashier` the cashier who claimed it for payment; `therapist` / `cashier` any one on
 * duty (to claim); `system` the server itself (payment enqueue, the idle sweeper).
 */
export type LifecycleActor =
  'owner' | 'therapist' | 'assigned_therapist' | 'cashier' | 'claiming_cashier' | 'admin' | 'system';

export type Transition = {
  action: TransactionAction;
  from: TransactionStatus | null;
  to: TransactionStatus;
  by: readonly LifecycleActor[];
};

export const LIFECYCLE: readonly Transition[] = [
  { action: 'create', from: null, to: 'selecting', by: ['owner'] },
  { action: 'items_changed', from: 'selecting', to: 'selecting', by: ['owner'] },
  { action: 'customer_confirm_selection', from: 'selecting', to: 'pending_therapist', by: ['owner'] },
  { action: 'therapist_confirm', from: 'pending_therapist', to: 'therapist_confirmed', by: ['therapist'] },
  { action: 'items_changed', from: 'therapist_confirmed', to: 'therapist_confirmed', by: ['assigned_therapist'] },
  { action: 'service_start', from: 'therapist_confirmed', to: 'in_service', by: ['assigned_therapist'] },
  { action: 'items_changed', from: 'in_service', to: 'in_service', by: ['assigned_therapist'] },
  { action: 'service_finish', from: 'in_service', to: 'finished', by: ['assigned_therapist'] },
  { action: 'payment_enqueue', from: 'finished', to: 'awaiting_payment', by: ['system'] },
  { action: 'cashier_claim', from: 'awaiting_payment', to: 'paying', by: ['cashier'] },
  { action: 'payment_recorded', from: 'paying', to: 'paying', by: ['claiming_cashier'] },
  { action: 'payment_complete', from: 'paying', to: 'paid', by: ['claiming_cashier'] },
  { action: 'release', from: 'therapist_confirmed', to: 'pending_therapist', by: ['assigned_therapist', 'admin'] },
  { action: 'release', from: 'paying', to: 'awaiting_payment', by: ['claiming_cashier', 'admin'] },
  { action: 'cancel', from: 'selecting', to: 'cancelled', by: ['owner', 'admin', 'system'] },
  { action: 'cancel', from: 'pending_therapist', to: 'cancelled', by: ['owner', 'admin'] },
  { action: 'cancel', from: 'therapist_confirmed', to: 'cancelled', by: ['assigned_therapist', 'admin'] },
  // A call-out again (the public board and the customer's phone): no state change, only a recorded event.
  { action: 'recall', from: 'therapist_confirmed', to: 'therapist_confirmed', by: ['assigned_therapist'] },
  { action: 'recall', from: 'paying', to: 'paying', by: ['claiming_cashier'] },
];

/** The row for `action` from `from`, or undefined: then the action is impossible now, for anyone. */
export function findTransition(action: TransactionAction, from: TransactionStatus | null): Transition | undefined {
  return LIFECYCLE.find((transition) => transition.action === action && transition.from === from);
}

/** The actions `actor` may take on a transaction in `status` (for showing buttons). */
export function availableActions(status: TransactionStatus, actors: readonly LifecycleActor[]): TransactionAction[] {
  return LIFECYCLE.filter(
    (transition) => transition.from === status && transition.by.some((actor) => actors.includes(actor)),
  ).map((transition) => transition.action);
}

/** A therapist holds at most one of these; they are also the statuses in which a room is in use. */
export const THERAPIST_HELD_STATUSES = [
  'therapist_confirmed',
  'in_service',
] as const satisfies readonly TransactionStatus[];

export const PRIORITY_REASONS = ['pwd', 'senior', 'pregnant'] as const;
export type PriorityReason = (typeof PRIORITY_REASONS)[number];

export const CANCEL_REASONS = ['customer_request', 'no_show', 'expired', 'staff_decision'] as const;
export type CancelReason = (typeof CANCEL_REASONS)[number];

export const PAYMENT_METHODS = ['cash', 'card', 'ewallet'] as const;
export type PaymentMethod = (typeof PAYMENT_METHODS)[number];

export const ROOM_STATUSES = ['available', 'reserved', 'occupied', 'cleaning', 'out_of_service'] as const;
export type RoomStatus = (typeof ROOM_STATUSES)[number];

/** Ticket codes are zero-padded to four digits; past 9,999 in a day they simply grow a digit. */
export function formatTicketCode(sequence: number): string {
  return String(sequence).padStart(4, '0');
}
