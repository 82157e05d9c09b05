/**
 * Every refusal SpaFlow gives has one stable code. The HTTP status of each code is decided here, once;
 * the server maps an AppError to its answer and the socket layer to its `connect_error`.
 */
export const ERROR_STATUS = {
  validation_failed: 400,
  amount_exceeds_balance: 400,
  amount_exceeds_refundable: 400,
  discount_exceeds_total: 400,
  insufficient_tendered: 400,
  idempotency_key_required: 400,
  unauthenticated: 401,
  forbidden: 403,
  forbidden_origin: 403,
  not_found: 404,
  invalid_transition: 409,
  already_claimed: 409,
  no_room_available: 409,
  active_transaction_exists: 409,
  therapist_on_break: 409,
  idempotency_in_flight: 409,
  payment_started: 409,
  discount_already_applied: 409,
  payment_voided: 409,
  payload_too_large: 413,
  idempotency_mismatch: 422,
  rate_limited: 429,
  internal_error: 500,
  unavailable: 503,
} as const;

export type ErrorCode = keyof typeof ERROR_STATUS;

/**
 * One bad value: `path` says where in the request it was, the way validation names it: `body.items.0.quantity`,
 * `query.from`, `params.id`. Forms strip `body.` to find their field.
 */
export type FieldIssue = { path: string; message: string };

/** An issue with a field of the request body, named as schema validation names it. */
export function bodyIssue(field: string, message: string): FieldIssue {
  return { path: `body.${field}`, message };
}

export type ErrorBody = {
  error: { code: ErrorCode; message: string; issues?: FieldIssue[] };
};

export class AppError extends Error {
  readonly code: ErrorCode;
  readonly issues: FieldIssue[] | undefined;

  constructor(code: ErrorCode, message: string, issues?: FieldIssue[]) {
    super(message);
    this.name = 'AppError';
    this.code = code;
    this.issues = issues;
  }

  get status(): number {
    return ERROR_STATUS[this.code];
  }

  toBody(): ErrorBody {
    return {
      error: {
        code: this.code,
        message: this.message,
        ...(this.issues ? { issues: this.issues } : {}),
      },
    };
  }
}

export function isAppError(value: unknown): value is AppError {
  return value instanceof AppError;
}
