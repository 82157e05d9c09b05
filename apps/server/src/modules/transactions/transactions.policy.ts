import {
  AppError,
  findTransition,
  notYoursRefusal,
  stepRefusal,
  type LifecycleActor,
  type TransactionAction,
  type TransactionStatus,
  type Transition,
} from '@spaflow/domain';
import type { Principal } from '../auth/principal.js';
import type { TransactionRow } from './transactions.repository.js';

/** What the caller is to this transaction, in the lifecycle table's terms. */
export function actorsOf(principal: Principal, row: TransactionRow): LifecycleActor[] {
  if (principal.kind === 'customer') return principal.transactionId === row.id ? ['owner'] : [];
  switch (principal.role) {
    case 'therapist':
      return row.therapist_id === principal.accountId && row.active_therapist_id === principal.accountId
        ? ['therapist', 'assigned_therapist']
        : ['therapist'];
    case 'cashier':
      return row.active_cashier_id === principal.accountId ? ['cashier', 'claiming_cashier'] : ['cashier'];
    case 'admin':
      return ['admin'];
    case 'monitor':
      return [];
  }
}

/**
 * The lifecycle check in the order of checks (README: errors): a step impossible now for anyone is 409
 * invalid_transition; one that is possible but not for this caller is 403.
 */
export function authorizeStep(principal: Principal, row: TransactionRow, action: TransactionAction): Transition {
  const transition = findTransition(action, row.status as TransactionStatus);
  if (!transition) {
    throw new AppError('invalid_transition', stepRefusal(action, row.status as TransactionStatus));
  }
  const actors = actorsOf(principal, row);
  if (!transition.by.some((actor) => actors.includes(actor))) {
    throw new AppError('forbidden', notYoursRefusal(action));
  }
  return transition;
}

/** Customers reach only their own transaction; staff may read any. Checked before existence, so ids don't leak. */
export function assertMayRead(principal: Principal, transactionId: number): void {
  if (principal.kind === 'customer' && principal.transactionId !== transactionId) {
    throw new AppError('forbidden', 'This is not your transaction.');
  }
}
