/**
 * The transaction lifecycle as data: which action moves which state to which, and who may
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
  'discount_applied',
  'discount_removed',
  'payment_voided',
  'refund_recorded',
  'cashier_handover',
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
  { action: 'discount_applied', from: 'paying', to: 'paying', by: ['claiming_cashier'] },
  { action: 'discount_removed', from: 'paying', to: 'paying', by: ['claiming_cashier'] },
  { action: 'payment_voided', from: 'paying', to: 'paying', by: ['claiming_cashier', 'admin'] },
  { action: 'refund_recorded', from: 'paid', to: 'paid', by: ['admin'] },
  { action: 'cashier_handover', from: 'paying', to: 'paying', by: ['admin'] },
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

/** A status in plain words, for refusals people read. */
const STATUS_WORDS: Record<TransactionStatus, string> = {
  selecting: 'still being chosen at the kiosk',
  pending_therapist: 'waiting for a therapist',
  therapist_confirmed: 'claimed by a therapist',
  in_service: 'in service',
  finished: 'finished and about to join the payment queue',
  awaiting_payment: 'waiting for a cashier to claim it',
  paying: 'being paid at a counter',
  paid: 'already paid',
  cancelled: 'cancelled',
};

/** What each step does, in plain words, and what to do instead when it is impossible now. */
const STEP_WORDS: Record<TransactionAction, { verb: string; instead?: Partial<Record<TransactionStatus, string>> }> = {
  create: { verb: 'be created' },
  customer_confirm_selection: { verb: 'be confirmed' },
  therapist_confirm: { verb: 'be claimed by a therapist' },
  service_start: { verb: 'start its service' },
  service_finish: { verb: 'finish its service' },
  payment_enqueue: { verb: 'join the payment queue' },
  cashier_claim: { verb: 'be claimed at a counter' },
  payment_recorded: {
    verb: 'take a payment',
    instead: {
      awaiting_payment: 'Claim it at your counter first.',
      paid: 'Nothing is left to pay; an admin can refund it if money must go back.',
    },
  },
  payment_complete: {
    verb: 'take a payment',
    instead: {
      awaiting_payment: 'Claim it at your counter first.',
      paid: 'Nothing is left to pay; an admin can refund it if money must go back.',
    },
  },
  release: { verb: 'be released' },
  cancel: { verb: 'be cancelled' },
  items_changed: { verb: 'have its services changed' },
  discount_applied: {
    verb: 'get a discount',
    instead: { awaiting_payment: 'Claim it at your counter first.', paid: 'An admin can refund part of it instead.' },
  },
  discount_removed: { verb: 'have a discount removed' },
  payment_voided: {
    verb: 'have a payment voided',
    instead: { paid: 'Once a ticket is paid, an admin gives money back with a refund.' },
  },
  refund_recorded: {
    verb: 'be refunded',
    instead: { paying: 'Refunds are for paid tickets; void the payment instead.' },
  },
  cashier_handover: {
    verb: 'be handed to another cashier',
    instead: { awaiting_payment: 'Any cashier can claim it.' },
  },
  recall: {
    verb: 'be called again',
    instead: { pending_therapist: 'Claim the customer first; the claim calls them.' },
  },
};

/** Why a step is impossible now, in words a cashier or admin can act on (no internal step names). */
export function stepRefusal(action: TransactionAction, status: TransactionStatus): string {
  const words = STEP_WORDS[action];
  const instead = words.instead?.[status];
  return `This ticket is ${STATUS_WORDS[status]}, so it cannot ${words.verb} now.${instead ? ` ${instead}` : ''}`;
}

/** Why this caller may not take a step another person could. */
export function notYoursRefusal(action: TransactionAction): string {
  switch (action) {
    case 'payment_recorded':
    case 'payment_complete':
    case 'discount_applied':
    case 'discount_removed':
    case 'payment_voided':
      return 'Only the cashier who claimed this ticket can do this. Ask an admin to hand it over to you.';
    case 'refund_recorded':
    case 'cashier_handover':
      return 'Only an admin can do this.';
    default:
      return 'This transaction is not yours to change.';
  }
}
