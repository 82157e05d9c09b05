import {
  AppError,
  bodyIssue,
  discountAmountOf,
  formatMoney,
  type ApplyDiscountInput,
  type DiscountTypeCreateInput,
  type DiscountTypeUpdateInput,
  type DiscountTypeView,
  type TransactionView,
} from '@spaflow/domain';
import type { Selectable } from 'kysely';
import type { ServiceContext } from '../../context.js';
import { inTransaction } from '../../db/database.js';
import type { DiscountTypesTable } from '../../db/schema.js';
import { commitChanges } from '../../realtime/changes.js';
import { guardUnique, taken } from '../admin/admin.service.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { actorRefOf, recordStep } from '../transactions/record-step.js';
import { authorizeStep } from '../transactions/transactions.policy.js';
import { lockTransaction } from '../transactions/transactions.repository.js';
import type { TransactionsService } from '../transactions/transactions.service.js';
import {
  findDiscountType,
  insertDiscountType,
  insertTransactionDiscount,
  listDiscountTypes,
  listTransactionDiscounts,
  markDiscountRemoved,
  updateDiscountType,
} from './discounts.repository.js';

function presentDiscountType(row: Selectable<DiscountTypesTable>): DiscountTypeView {
  return {
    id: row.id,
    name: row.name,
    kind: row.kind,
    value: row.value,
    requiresNote: row.requires_note === 1,
    active: row.active === 1,
  };
}

const PAYMENT_STARTED = () =>
  new AppError(
    'payment_started',
    'A payment was already taken on this ticket, so its discounts can no longer change. Void the payments first, or continue without the change.',
  );

/**
 * Discount types (kept by admin) and the discounts a claiming cashier applies to a ticket before its first
 * payment. Applying and removing are lifecycle steps, so every station sees the new amount due live.
 */
export class DiscountsService {
  constructor(
    private readonly context: ServiceContext,
    private readonly transactions: TransactionsService,
  ) {}

  async list(options: { activeOnly: boolean }): Promise<DiscountTypeView[]> {
    return (await listDiscountTypes(this.context.database.db, options)).map(presentDiscountType);
  }

  async create(input: DiscountTypeCreateInput): Promise<DiscountTypeView> {
    const refusal = () => taken('name', `The discount name "${input.name}"`);
    return guardUnique(refusal, () =>
      inTransaction(this.context.database, async (tx) => {
        const now = this.context.clock.now();
        const id = await insertDiscountType(tx, {
          name: input.name,
          kind: input.kind,
          value: input.value,
          requires_note: input.requiresNote ? 1 : 0,
          active: input.active ? 1 : 0,
          created_at: now,
          updated_at: now,
        });
        return presentDiscountType((await findDiscountType(tx, id))!);
      }),
    );
  }

  /** Changes a type; tickets that already carry it keep the discount as it was applied. */
  async update(id: number, input: DiscountTypeUpdateInput): Promise<DiscountTypeView> {
    const refusal = () => taken('name', `The discount name "${input.name}"`);
    return guardUnique(refusal, () =>
      inTransaction(this.context.database, async (tx) => {
        const current = await findDiscountType(tx, id);
        if (!current) throw new AppError('not_found', `There is no discount ${id}.`);
        const kind = input.kind ?? current.kind;
        const value = input.value ?? current.value;
        if (kind === 'percent' && value > 100) {
          throw new AppError('validation_failed', 'A percent discount is at most 100.', [
            bodyIssue('value', 'a percent discount is at most 100'),
          ]);
        }
        await updateDiscountType(tx, id, {
          ...(input.name !== undefined ? { name: input.name } : {}),
          kind,
          value,
          ...(input.requiresNote !== undefined ? { requires_note: input.requiresNote ? 1 : 0 } : {}),
          ...(input.active !== undefined ? { active: input.active ? 1 : 0 } : {}),
          updated_at: this.context.clock.now(),
        });
        return presentDiscountType((await findDiscountType(tx, id))!);
      }),
    );
  }

  /**
   * The claiming cashier applies an active discount type before the first payment: at most one of each
   * type, a note when the type asks for one, and never more off than the total.
   */
  async apply(principal: StaffPrincipal, id: number, input: ApplyDiscountInput): Promise<TransactionView> {
    const row = await commitChanges(this.context, async (tx, changes) => {
      const current = await lockTransaction(tx, this.context.database.engine, id);
      if (!current) throw new AppError('not_found', `There is no transaction ${id}.`);
      authorizeStep(principal, current, 'discount_applied');
      if (current.amount_paid > 0) throw PAYMENT_STARTED();
      const type = await findDiscountType(tx, input.discountTypeId);
      if (!type || type.active !== 1) {
        throw new AppError(
          'not_found',
          `There is no discount ${input.discountTypeId} in use. Choose one from the list.`,
          [bodyIssue('discountTypeId', 'not found')],
        );
      }
      if (type.requires_note === 1 && input.note === undefined) {
        throw new AppError(
          'validation_failed',
          `The ${type.name} discount needs a note, such as the customer's ID number.`,
          [bodyIssue('note', 'required for this discount')],
        );
      }
      const applied = await listTransactionDiscounts(tx, [id]);
      if (applied.some((discount) => discount.active_discount_type_id === type.id)) {
        throw new AppError('discount_already_applied', `The ${type.name} discount is already on this ticket.`);
      }
      const amount = discountAmountOf(type.kind, type.value, current.total_amount);
      const discountAmount = current.discount_amount + amount;
      if (discountAmount > current.total_amount) {
        const money = (value: number) =>
          formatMoney(value, { currency: this.context.config.currency, locale: this.context.config.locale });
        throw new AppError(
          'discount_exceeds_total',
          `This discount (${money(amount)}) would take more off than the ${money(current.total_amount - current.discount_amount)} still due. Remove another discount first, or choose a smaller one.`,
        );
      }
      const now = this.context.clock.now();
      const discountId = await insertTransactionDiscount(tx, {
        transaction_id: id,
        discount_type_id: type.id,
        name: type.name,
        kind: type.kind,
        value: type.value,
        amount,
        note: input.note ?? null,
        applied_by: principal.accountId,
        applied_at: now,
        applied_version: current.version + 1,
        active_discount_type_id: type.id,
      });
      return recordStep(tx, {
        row: current,
        action: 'discount_applied',
        values: { discount_amount: discountAmount },
        actor: actorRefOf(principal),
        now,
        changes,
        detail: { discount: { id: discountId, name: type.name, amount, note: input.note ?? null }, amount },
      });
    });
    return this.transactions.present(principal, row);
  }

  /** Takes a discount off before the first payment; its row stays, marked removed (who and when). */
  async remove(principal: StaffPrincipal, id: number, discountId: number): Promise<TransactionView> {
    const row = await commitChanges(this.context, async (tx, changes) => {
      const current = await lockTransaction(tx, this.context.database.engine, id);
      if (!current) throw new AppError('not_found', `There is no transaction ${id}.`);
      authorizeStep(principal, current, 'discount_removed');
      if (current.amount_paid > 0) throw PAYMENT_STARTED();
      const discount = (await listTransactionDiscounts(tx, [id])).find(
        (candidate) => candidate.id === discountId && candidate.removed_at === null,
      );
      if (!discount) throw new AppError('not_found', `This ticket has no discount ${discountId} to remove.`);
      const now = this.context.clock.now();
      await markDiscountRemoved(tx, discountId, {
        removed_by: principal.accountId,
        removed_at: now,
        removed_version: current.version + 1,
      });
      return recordStep(tx, {
        row: current,
        action: 'discount_removed',
        values: { discount_amount: current.discount_amount - discount.amount },
        actor: actorRefOf(principal),
        now,
        changes,
        detail: {
          discount: { id: discount.id, name: discount.name, amount: discount.amount, note: discount.note },
          amount: discount.amount,
        },
      });
    });
    return this.transactions.present(principal, row);
  }
}
