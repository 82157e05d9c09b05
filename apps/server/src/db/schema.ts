import type { ColumnType, Generated, Insertable, Selectable } from 'kysely';

/**
 * The tables as Kysely sees them, written by hand to match the migrations (the schema-parity test keeps the
 * three engines equal). Conventions that hold on SQLite, MariaDB and PostgreSQL alike:
 * - times are epoch milliseconds (BIGINT) in UTC, so durations are plain subtraction in SQL;
 * - money is an integer of minor units;
 * - flags are 0/1 integers (better-sqlite3 cannot bind booleans).
 */
type EpochMs = number;
type Flag = 0 | 1;
type Id = Generated<number>;

export type StaffRoleColumn = 'therapist' | 'cashier' | 'monitor' | 'admin';

export type AccountsTable = {
  id: Id;
  username: string;
  password_hash: string;
  role: StaffRoleColumn;
  display_name: string;
  active: Flag;
  created_at: EpochMs;
  updated_at: EpochMs;
};

export type SessionsTable = {
  id: Id;
  account_id: number;
  token_hash: string;
  created_at: EpochMs;
  expires_at: EpochMs;
  revoked_at: EpochMs | null;
};

export type TherapistsTable = {
  account_id: number;
  home_room_id: number | null;
  status: 'available' | 'on_break';
  /** Overrides the services' commission percent for this therapist; null: the service's applies. */
  commission_percent: number | null;
};

export type CashiersTable = {
  account_id: number;
  counter: string | null;
};

export type RoomStatus = 'available' | 'reserved' | 'occupied' | 'cleaning';

export type RoomsTable = {
  id: Id;
  name: string;
  status: RoomStatus;
  out_of_service: Flag;
  active: Flag;
  created_at: EpochMs;
  updated_at: EpochMs;
};

export type ServiceCategoriesTable = {
  id: Id;
  name: string;
  description: string;
  sort_order: number;
  active: Flag;
  created_at: EpochMs;
  updated_at: EpochMs;
};

export type ServicesTable = {
  id: Id;
  category_id: number;
  name: string;
  description: string;
  sort_order: number;
  /** Whole percent (0–100) of the service's net sales that the therapist earns. */
  commission_percent: Generated<number>;
  active: Flag;
  created_at: EpochMs;
  updated_at: EpochMs;
};

export type ServiceClassificationsTable = {
  id: Id;
  service_id: number;
  name: string;
  duration_minutes: number;
  price: number;
  sort_order: number;
  active: Flag;
  created_at: EpochMs;
  updated_at: EpochMs;
};

export type TransactionsTable = {
  id: Id;
  code: string | null;
  business_date: string | null;
  status: string;
  version: number;
  /** The declared reason for priority service; null for none. */
  priority: 'pwd' | 'senior' | 'pregnant' | null;
  /** 0 for priority customers, 1 for the rest: the first key of the therapist queue's order. */
  queue_rank: number;
  customer_token_hash: string;
  customer_token_expires_at: EpochMs;
  total_amount: number;
  total_duration_minutes: number;
  /** Sum of payments not voided, tips excluded. */
  amount_paid: number;
  /** Sum of the active discounts (migration 0004); amountDue = total_amount − discount_amount. */
  discount_amount: Generated<number>;
  /** Sum of the tips of payments not voided. */
  tip_amount: Generated<number>;
  amount_refunded: Generated<number>;
  therapist_id: number | null;
  room_id: number | null;
  cashier_id: number | null;
  /**
   * Equal to therapist_id / cashier_id while the transaction is held (therapist_confirmed or in_service /
   * paying), null otherwise. Unique, so the database itself refuses a second held transaction per person.
   */
  active_therapist_id: number | null;
  active_cashier_id: number | null;
  cancel_reason: string | null;
  cancel_note: string | null;
  created_at: EpochMs;
  updated_at: EpochMs;
  selection_confirmed_at: EpochMs | null;
  therapist_confirmed_at: EpochMs | null;
  service_start_at: EpochMs | null;
  service_finish_at: EpochMs | null;
  cashier_claimed_at: EpochMs | null;
  paid_at: EpochMs | null;
  cancelled_at: EpochMs | null;
};

export type TransactionItemsTable = {
  id: Id;
  transaction_id: number;
  classification_id: number;
  service_name: string;
  classification_name: string;
  duration_minutes: number;
  unit_price: number;
  quantity: number;
  line_total: number;
  position: number;
};

export type TransactionCountersTable = {
  business_date: string;
  last_value: number;
};

export type PaymentsTable = {
  id: Id;
  transaction_id: number;
  cashier_id: number;
  method: 'cash' | 'card' | 'ewallet';
  amount: number;
  tendered: number | null;
  change_amount: number | null;
  reference: string | null;
  /** For the transaction's therapist; never part of `amount` (migration 0004). */
  tip_amount: Generated<number>;
  created_at: EpochMs;
  /** The drawer a cash payment went into (migration 0005); null for card and e-wallet. */
  drawer_id: number | null;
};

export type DiscountKind = 'percent' | 'fixed';

/** Migration 0004. `value` is a whole percent (1–100) or an amount in minor units. */
export type DiscountTypesTable = {
  id: Id;
  name: string;
  kind: DiscountKind;
  value: number;
  requires_note: Flag;
  active: Flag;
  created_at: EpochMs;
  updated_at: EpochMs;
};

/** A discount applied to a transaction (migration 0004); kept, marked removed, when taken off. */
export type TransactionDiscountsTable = {
  id: Id;
  transaction_id: number;
  discount_type_id: number;
  name: string;
  kind: DiscountKind;
  value: number;
  amount: number;
  note: string | null;
  applied_by: number;
  applied_at: EpochMs;
  applied_version: number;
  removed_by: number | null;
  removed_at: EpochMs | null;
  removed_version: number | null;
  /** discount_type_id while applied, null once removed (unique per transaction). */
  active_discount_type_id: number | null;
};

/** The reversal of one payment (migration 0004): its amount and tip, who and why. */
export type PaymentVoidsTable = {
  id: Id;
  payment_id: number;
  transaction_id: number;
  amount: number;
  tip_amount: number;
  reason: string;
  voided_by: number;
  created_at: EpochMs;
};

/** Money given back on a paid transaction (migration 0004). */
export type RefundsTable = {
  id: Id;
  transaction_id: number;
  amount: number;
  method: 'cash' | 'card' | 'ewallet';
  reason: string;
  refunded_by: number;
  created_at: EpochMs;
  /** The drawer a cash refund was paid from (migration 0005); null for card and e-wallet. */
  drawer_id: number | null;
};

/** A cashier's till (migration 0005): opening float to counted close. Its cash figures are read from the rows. */
export type DrawersTable = {
  id: Id;
  cashier_id: number;
  /** Equal to cashier_id while open, null once closed: unique, one open drawer per cashier. */
  open_cashier_id: number | null;
  /** The cashier's counter when the drawer was opened. */
  counter: string | null;
  opening_float: number;
  opened_at: EpochMs;
  closed_at: EpochMs | null;
  counted_cash: number | null;
  note: string | null;
};

export type TransactionEventsTable = {
  /** The global `seq` of the real-time contract. */
  id: Id;
  transaction_id: number;
  action: string;
  from_status: string | null;
  to_status: string;
  version: number;
  actor_type: 'customer' | 'staff' | 'system';
  actor_id: number | null;
  at: EpochMs;
  /** The transactions row after this step, as JSON (null for events written before migration 0002). */
  snapshot: string | null;
  /** What the step did beyond its status, as JSON: a payment's method and amount, a reason (migration 0004). */
  detail: string | null;
};

export type IdempotencyKeysTable = {
  id: Id;
  account_id: number;
  idempotency_key: string;
  request_hash: string;
  state: 'in_flight' | 'completed';
  response_status: number | null;
  response_body: string | null;
  created_at: EpochMs;
  completed_at: EpochMs | null;
};

/** A failed sign-in (migration 0003): the login limit counts these per user and address. */
export type LoginFailuresTable = {
  id: Id;
  /** The username as typed, lowercased: attempts on "Admin" and "admin" count together. */
  username_key: string;
  address: string;
  failed_at: EpochMs;
};

export type DB = {
  accounts: AccountsTable;
  sessions: SessionsTable;
  therapists: TherapistsTable;
  cashiers: CashiersTable;
  rooms: RoomsTable;
  service_categories: ServiceCategoriesTable;
  services: ServicesTable;
  service_classifications: ServiceClassificationsTable;
  transactions: TransactionsTable;
  transaction_items: TransactionItemsTable;
  transaction_counters: TransactionCountersTable;
  payments: PaymentsTable;
  discount_types: DiscountTypesTable;
  transaction_discounts: TransactionDiscountsTable;
  payment_voids: PaymentVoidsTable;
  refunds: RefundsTable;
  transaction_events: TransactionEventsTable;
  idempotency_keys: IdempotencyKeysTable;
  login_failures: LoginFailuresTable;
  drawers: DrawersTable;
};

export type AccountRow = Selectable<AccountsTable>;
export type NewAccount = Insertable<AccountsTable>;
export type Count = ColumnType<number, never, never>;
