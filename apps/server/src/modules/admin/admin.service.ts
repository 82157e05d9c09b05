import {
  type EventDetail,
  AppError,
  formatTicketCode,
  bodyIssue,
  type AdminCategoryView,
  type AdminClassificationView,
  type AdminRoomView,
  type AdminServiceView,
  type AdminStaffView,
  type CategoryCreateInput,
  type CategoryUpdateInput,
  type ClassificationCreateInput,
  type ClassificationUpdateInput,
  type RoomCreateInput,
  type RoomUpdateInput,
  type ServiceCreateInput,
  type ServiceUpdateInput,
  type StaffCreateInput,
  type StaffUpdateInput,
  type StaffRole,
  type TransactionAction,
  type TransactionEvent,
  type TransactionView,
  type TransactionStatus,
} from '@spaflow/domain';
import type { Kysely, Selectable } from 'kysely';
import type { ServiceContext } from '../../context.js';
import type { Tx } from '../../db/database.js';
import { isUniqueViolation } from '../../db/locking.js';
import type { DB, ServiceCategoriesTable, ServiceClassificationsTable, ServicesTable } from '../../db/schema.js';
import { commitChanges, type Change } from '../../realtime/changes.js';
import { revokeSessionsOfAccount } from '../auth/auth.repository.js';
import type { StaffPrincipal } from '../auth/principal.js';
import { hashPassword } from '../auth/password.js';
import {
  findCategory,
  findCategoryByName,
  findClassification,
  findClassificationByName,
  findService,
  findServiceByName,
  insertCategory,
  insertClassification,
  insertService,
  listCategories,
  listClassifications,
  listServices,
  updateCategory,
  updateClassification,
  updateService,
} from '../catalog/catalog.repository.js';
import {
  findRoom,
  findRoomByName,
  insertRoom,
  listAllRooms,
  lockRoom,
  updateRoomSettings,
  type RoomRow,
} from '../rooms/rooms.repository.js';
import {
  findStaffMember,
  listStaffMembers,
  lockCashier,
  lockTherapist,
  setCashierCounter,
  setTherapistCommission,
  setTherapistHomeRoom,
  updateAccount,
} from '../staff/staff.repository.js';
import { createStaffMember } from '../staff/staff.service.js';
import { presentTransaction } from '../transactions/transactions.presenter.js';
import {
  findHeldBy,
  findTransaction,
  findTransactionByTicket,
  listTransactionEvents,
} from '../transactions/transactions.repository.js';

/** 400 naming the field whose value another row already has. */
export function taken(field: string, description: string): AppError {
  return new AppError('validation_failed', `${description} is taken.`, [bodyIssue(field, 'taken')]);
}

/** 404 for an id that names nothing; `field` when the id came in the body. */
function notFound(what: string, id: number, field?: string): AppError {
  return new AppError('not_found', `There is no ${what} ${id}.`, field ? [bodyIssue(field, 'not found')] : undefined);
}

/**
 * Runs a write whose names were checked beforehand; a writer racing past that check still meets the unique
 * key, and its refusal is answered the same way (the transaction has rolled back by then).
 */
export async function guardUnique<T>(refusal: () => AppError, work: () => Promise<T>): Promise<T> {
  try {
    return await work();
  } catch (error) {
    if (isUniqueViolation(error)) throw refusal();
    throw error;
  }
}

function presentCategory(row: Selectable<ServiceCategoriesTable>): AdminCategoryView {
  return {
    id: row.id,
    name: row.name,
    description: row.description,
    sortOrder: row.sort_order,
    active: row.active === 1,
  };
}

function presentService(row: Selectable<ServicesTable>): AdminServiceView {
  return {
    id: row.id,
    categoryId: row.category_id,
    name: row.name,
    description: row.description,
    sortOrder: row.sort_order,
    commissionPercent: row.commission_percent,
    active: row.active === 1,
  };
}

function presentClassification(row: Selectable<ServiceClassificationsTable>): AdminClassificationView {
  return {
    id: row.id,
    serviceId: row.service_id,
    name: row.name,
    durationMinutes: row.duration_minutes,
    price: row.price,
    sortOrder: row.sort_order,
    active: row.active === 1,
  };
}

function presentRoom(row: RoomRow): AdminRoomView {
  return {
    id: row.id,
    name: row.name,
    status: row.status,
    outOfService: row.out_of_service === 1,
    active: row.active === 1,
  };
}

type StaffMemberRow = NonNullable<Awaited<ReturnType<typeof findStaffMember>>>;

function presentStaff(row: StaffMemberRow): AdminStaffView {
  return {
    id: row.id,
    role: row.role,
    username: row.username,
    displayName: row.displayName,
    active: row.active === 1,
    counter: row.role === 'cashier' ? row.counter : null,
    homeRoomId: row.role === 'therapist' ? row.homeRoomId : null,
    commissionPercent: row.role === 'therapist' ? row.commissionPercent : null,
    status: row.role === 'therapist' ? row.status : null,
  };
}

/** A therapist's home room must be a room in use (active); out of service is fine, it may come back. */
async function assertHomeRoom(db: Kysely<DB>, roomId: number): Promise<void> {
  const room = await findRoom(db, roomId);
  if (!room?.active) throw notFound('room', roomId, 'homeRoomId');
}

/**
 * The admin's side of the shop: the catalogue, staff accounts and rooms, and a transaction's audit trail.
 * Every write checks first and then writes in one database transaction, so a refusal changes nothing.
 */
export class AdminService {
  constructor(private readonly context: ServiceContext) {}

  private get db() {
    return this.context.database.db;
  }

  private now(): number {
    return this.context.clock.now();
  }

  private write<T>(work: (tx: Tx, changes: Change[]) => Promise<T>): Promise<T> {
    return commitChanges(this.context, work);
  }

  // Categories

  async listCategories(): Promise<AdminCategoryView[]> {
    return (await listCategories(this.db)).map(presentCategory);
  }

  async createCategory(input: CategoryCreateInput): Promise<AdminCategoryView> {
    const refusal = () => taken('name', `The category name "${input.name}"`);
    return guardUnique(refusal, () =>
      this.write(async (tx) => {
        if (await findCategoryByName(tx, input.name)) throw refusal();
        const now = this.now();
        const id = await insertCategory(tx, input, now);
        if (!input.active) await updateCategory(tx, id, { active: false }, now);
        return presentCategory((await findCategory(tx, id))!);
      }),
    );
  }

  async updateCategory(id: number, input: CategoryUpdateInput): Promise<AdminCategoryView> {
    const refusal = () => taken('name', `The category name "${input.name}"`);
    return guardUnique(refusal, () =>
      this.write(async (tx) => {
        const current = await findCategory(tx, id);
        if (!current) throw notFound('category', id);
        if (input.name !== undefined && input.name !== current.name && (await findCategoryByName(tx, input.name))) {
          throw refusal();
        }
        await updateCategory(tx, id, input, this.now());
        return presentCategory((await findCategory(tx, id))!);
      }),
    );
  }

  // Services

  async listServices(): Promise<AdminServiceView[]> {
    return (await listServices(this.db)).map(presentService);
  }

  async createService(input: ServiceCreateInput): Promise<AdminServiceView> {
    const refusal = () => taken('name', `The service name "${input.name}" in this category`);
    return guardUnique(refusal, () =>
      this.write(async (tx) => {
        if (!(await findCategory(tx, input.categoryId))) throw notFound('category', input.categoryId, 'categoryId');
        if (await findServiceByName(tx, input.categoryId, input.name)) throw refusal();
        const now = this.now();
        const id = await insertService(tx, input, now);
        if (!input.active) await updateService(tx, id, { active: false }, now);
        return presentService((await findService(tx, id))!);
      }),
    );
  }

  async updateService(id: number, input: ServiceUpdateInput): Promise<AdminServiceView> {
    const refusal = () => taken('name', 'The service name in this category');
    return guardUnique(refusal, () =>
      this.write(async (tx) => {
        const current = await findService(tx, id);
        if (!current) throw notFound('service', id);
        const categoryId = input.categoryId ?? current.category_id;
        const name = input.name ?? current.name;
        if (categoryId !== current.category_id && !(await findCategory(tx, categoryId))) {
          throw notFound('category', categoryId, 'categoryId');
        }
        if (categoryId !== current.category_id || name !== current.name) {
          if (await findServiceByName(tx, categoryId, name)) {
            throw taken('name', `The service name "${name}" in this category`);
          }
        }
        await updateService(tx, id, input, this.now());
        return presentService((await findService(tx, id))!);
      }),
    );
  }

  // Classifications

  async listClassifications(): Promise<AdminClassificationView[]> {
    return (await listClassifications(this.db)).map(presentClassification);
  }

  async createClassification(input: ClassificationCreateInput): Promise<AdminClassificationView> {
    const refusal = () => taken('name', `The classification name "${input.name}" in this service`);
    return guardUnique(refusal, () =>
      this.write(async (tx) => {
        if (!(await findService(tx, input.serviceId))) throw notFound('service', input.serviceId, 'serviceId');
        if (await findClassificationByName(tx, input.serviceId, input.name)) throw refusal();
        const now = this.now();
        const id = await insertClassification(tx, input, now);
        if (!input.active) await updateClassification(tx, id, { active: false }, now);
        return presentClassification((await findClassification(tx, id))!);
      }),
    );
  }

  async updateClassification(id: number, input: ClassificationUpdateInput): Promise<AdminClassificationView> {
    const refusal = () => taken('name', 'The classification name in this service');
    return guardUnique(refusal, () =>
      this.write(async (tx) => {
        const current = await findClassification(tx, id);
        if (!current) throw notFound('classification', id);
        const serviceId = input.serviceId ?? current.service_id;
        const name = input.name ?? current.name;
        if (serviceId !== current.service_id && !(await findService(tx, serviceId))) {
          throw notFound('service', serviceId, 'serviceId');
        }
        if (serviceId !== current.service_id || name !== current.name) {
          if (await findClassificationByName(tx, serviceId, name)) {
            throw taken('name', `The classification name "${name}" in this service`);
          }
        }
        // Past transactions keep their item snapshots: nothing here touches transaction_items.
        await updateClassification(tx, id, input, this.now());
        return presentClassification((await findClassification(tx, id))!);
      }),
    );
  }

  // Staff

  async listStaff(): Promise<AdminStaffView[]> {
    return (await listStaffMembers(this.db)).map(presentStaff);
  }

  async createStaff(input: StaffCreateInput): Promise<AdminStaffView> {
    if (input.homeRoomId) await assertHomeRoom(this.db, input.homeRoomId);
    // createStaffMember hashes the password first (slow on purpose), so no transaction is held open for it.
    // The username is checked there and guarded by its unique key; rooms are never deleted, so the home
    // room checked above is still there when the therapist row refers to it.
    const id = await guardUnique(
      () => taken('username', `The username "${input.username}"`),
      () => createStaffMember(this.context, input),
    );
    this.context.changes.publish([{ kind: 'staff', seq: null, staffId: id }]);
    return presentStaff((await findStaffMember(this.db, id))!);
  }

  /**
   * Edits an account. `active: false` ends every session of it in the same transaction (its tokens answer
   * 401 from then on); it is refused for the admin's own account and while the person holds a customer.
   * A password reset of someone else's account ends their sessions too, so a leaked password stops working.
   */
  async updateStaff(principal: StaffPrincipal, id: number, input: StaffUpdateInput): Promise<AdminStaffView> {
    if (input.active === false && id === principal.accountId) {
      throw new AppError('validation_failed', 'You cannot deactivate your own account.', [
        bodyIssue('active', 'not your own account'),
      ]);
    }
    const current = await findStaffMember(this.db, id);
    if (!current) throw notFound('staff member', id);
    // Hash before the transaction: scrypt must not hold the write lock.
    const passwordHash = input.password === undefined ? undefined : await hashPassword(input.password);

    const { view, revoked } = await this.write(async (tx, changes) => {
      const member = await findStaffMember(tx, id);
      if (!member) throw notFound('staff member', id);
      const role = member.role;
      if (input.counter !== undefined && role !== 'cashier') {
        throw new AppError('validation_failed', 'Only cashiers have a counter.', [
          bodyIssue('counter', 'only cashiers have a counter'),
        ]);
      }
      if (input.homeRoomId !== undefined && role !== 'therapist') {
        throw new AppError('validation_failed', 'Only therapists have a home room.', [
          bodyIssue('homeRoomId', 'only therapists have a home room'),
        ]);
      }
      if (input.commissionPercent !== undefined && role !== 'therapist') {
        throw new AppError('validation_failed', 'Only therapists earn commission.', [
          bodyIssue('commissionPercent', 'only therapists earn commission'),
        ]);
      }
      if (input.homeRoomId) await assertHomeRoom(tx, input.homeRoomId);

      const now = this.now();
      const deactivating = input.active === false && member.active === 1;
      if (deactivating) await this.assertHoldsNobody(tx, role, member);
      const revoke = deactivating || (passwordHash !== undefined && id !== principal.accountId);
      if (revoke) await revokeSessionsOfAccount(tx, id, now);
      await updateAccount(tx, id, { displayName: input.displayName, passwordHash, active: input.active }, now);
      if (input.counter !== undefined) await setCashierCounter(tx, id, input.counter);
      if (input.homeRoomId !== undefined) await setTherapistHomeRoom(tx, id, input.homeRoomId);
      if (input.commissionPercent !== undefined) await setTherapistCommission(tx, id, input.commissionPercent);
      changes.push({ kind: 'staff', seq: null, staffId: id });
      return { view: presentStaff((await findStaffMember(tx, id))!), revoked: revoke };
    });
    // Committed: the sockets of the ended sessions are disconnected now, on every node.
    if (revoked) this.context.revocations.publish({ accountId: id });
    return view;
  }

  /**
   * A therapist serving a customer or a cashier taking a payment cannot be deactivated: nobody else could
   * finish that step. Their duty row is locked first, the same lock their claims take.
   */
  private async assertHoldsNobody(tx: Tx, role: StaffRole, member: StaffMemberRow): Promise<void> {
    if (role !== 'therapist' && role !== 'cashier') return;
    const engine = this.context.database.engine;
    await (role === 'therapist' ? lockTherapist(tx, engine, member.id) : lockCashier(tx, engine, member.id));
    const held = await findHeldBy(tx, role, member.id);
    if (held) {
      throw new AppError(
        'invalid_transition',
        `${member.displayName} is handling transaction ${held.code ?? held.id}: finish or release it first.`,
      );
    }
  }

  // Rooms

  async listRooms(): Promise<AdminRoomView[]> {
    return (await listAllRooms(this.db)).map(presentRoom);
  }

  async createRoom(input: RoomCreateInput): Promise<AdminRoomView> {
    const refusal = () => taken('name', `The room name "${input.name}"`);
    return guardUnique(refusal, () =>
      this.write(async (tx, changes) => {
        if (await findRoomByName(tx, input.name)) throw refusal();
        const id = await insertRoom(tx, input, this.now());
        changes.push({ kind: 'room', seq: null, roomId: id });
        return presentRoom((await findRoom(tx, id))!);
      }),
    );
  }

  /**
   * Renames a room, takes it out of service or deactivates it (and back). A room a customer is using
   * (reserved or occupied) is never taken away: 409. The room is locked, as claims lock it, so a claim
   * and this change cannot cross.
   */
  async updateRoom(id: number, input: RoomUpdateInput): Promise<AdminRoomView> {
    const refusal = () => taken('name', `The room name "${input.name}"`);
    return guardUnique(refusal, () =>
      this.write(async (tx, changes) => {
        const room = await lockRoom(tx, this.context.database.engine, id);
        if (!room) throw notFound('room', id);
        if (input.name !== undefined && input.name !== room.name && (await findRoomByName(tx, input.name))) {
          throw refusal();
        }
        const takenAway =
          (input.outOfService === true && room.out_of_service === 0) || (input.active === false && room.active === 1);
        if (takenAway && (room.status === 'reserved' || room.status === 'occupied')) {
          throw new AppError(
            'invalid_transition',
            `Room ${room.name} is ${room.status}: wait until its customer is done.`,
          );
        }
        await updateRoomSettings(tx, id, input, this.now());
        changes.push({ kind: 'room', seq: null, roomId: id });
        return presentRoom((await findRoom(tx, id))!);
      }),
    );
  }

  // Audit trail

  /** The transaction behind a ticket code on a business day ("12" finds 0012, as tickets print it). */
  async findTicket(date: string, code: string): Promise<TransactionView> {
    const row = await findTransactionByTicket(this.db, date, formatTicketCode(Number(code)));
    if (!row) throw new AppError('not_found', `There is no ticket ${code} on ${date}.`);
    return presentTransaction(this.db, row, 'staff');
  }

  async transactionEvents(transactionId: number): Promise<TransactionEvent[]> {
    if (!(await findTransaction(this.db, transactionId))) throw notFound('transaction', transactionId);
    const rows = await listTransactionEvents(this.db, transactionId);
    return rows.map((row) => ({
      seq: row.seq,
      action: row.action as TransactionAction,
      from: row.from_status as TransactionStatus | null,
      to: row.to_status as TransactionStatus,
      at: new Date(row.at).toISOString(),
      actor: {
        type: row.actor_type,
        id: row.actor_id,
        displayName: row.actor_type === 'staff' ? row.actor_display_name : null,
      },
      detail: row.detail === null ? null : (JSON.parse(row.detail) as EventDetail),
    }));
  }
}
