import type { z } from 'zod';

/** Every way an Allot call can fail; `code` discriminates the union. */
export type AllotErrorCode =
  | 'validation'
  | 'not_found'
  | 'forbidden'
  | 'insufficient_pool'
  | 'insufficient_credits'
  | 'allocation_below_usage'
  | 'request_not_pending'
  | 'period_closed'
  | 'idempotency_conflict'
  | 'conflict'
  | 'store_unavailable';

/** One problem with one input field, as zod reported it. */
export interface FieldIssue {
  /** Dotted path of the field, e.g. `amount` or `thresholds.yellow`. */
  path: string;
  message: string;
  code: string;
}

interface ErrorBase<C extends AllotErrorCode> {
  readonly code: C;
  /** A sentence a person can act on. */
  readonly message: string;
  /** Brand checked by {@link isAllotError}; survives duplicated installs where `instanceof` would not. */
  readonly allotError: true;
}

export interface ValidationError extends ErrorBase<'validation'> {
  readonly issues: FieldIssue[];
}
export interface NotFoundError extends ErrorBase<'not_found'> {
  readonly resource: 'organization' | 'member' | 'request' | 'usage';
  readonly id: string;
}
export interface ForbiddenError extends ErrorBase<'forbidden'> {}
export interface InsufficientPoolError extends ErrorBase<'insufficient_pool'> {
  readonly requested: number;
  readonly available: number;
}
export interface InsufficientCreditsError extends ErrorBase<'insufficient_credits'> {
  readonly requested: number;
  readonly available: number;
}
export interface AllocationBelowUsageError extends ErrorBase<'allocation_below_usage'> {
  readonly total: number;
  readonly used: number;
}
export interface RequestNotPendingError extends ErrorBase<'request_not_pending'> {
  readonly status: string;
}
export interface PeriodClosedError extends ErrorBase<'period_closed'> {}
export interface IdempotencyConflictError extends ErrorBase<'idempotency_conflict'> {
  readonly key: string;
}
export interface ConflictError extends ErrorBase<'conflict'> {}
export interface StoreUnavailableError extends ErrorBase<'store_unavailable'> {
  readonly cause?: unknown;
}

/** The discriminated union every public Allot function fails with. */
export type AllotError =
  | ValidationError
  | NotFoundError
  | ForbiddenError
  | InsufficientPoolError
  | InsufficientCreditsError
  | AllocationBelowUsageError
  | RequestNotPendingError
  | PeriodClosedError
  | IdempotencyConflictError
  | ConflictError
  | StoreUnavailableError;

type Payload<E extends AllotError> = Omit<E, 'code' | 'message' | 'allotError'>;

function make<E extends AllotError>(code: E['code'], message: string, payload: object): E {
  return { code, message, allotError: true, ...payload } as E;
}

/** Constructors for each {@link AllotError}. */
export const errors = {
  validation: (message: string, issues: FieldIssue[]): ValidationError =>
    make('validation', message, { issues } satisfies Payload<ValidationError>),
  notFound: (resource: NotFoundError['resource'], id: string): NotFoundError =>
    make('not_found', `No ${resource} with id "${id}" in this organization.`, { resource, id }),
  forbidden: (message: string): ForbiddenError => make('forbidden', message, {}),
  insufficientPool: (requested: number, available: number): InsufficientPoolError =>
    make(
      'insufficient_pool',
      `The pool has ${available} unallocated credits; ${requested} are needed. Raise the monthly pool or revoke credits first.`,
      { requested, available },
    ),
  insufficientCredits: (requested: number, available: number): InsufficientCreditsError =>
    make('insufficient_credits', `The member has ${available} credits remaining; ${requested} are needed.`, {
      requested,
      available,
    }),
  allocationBelowUsage: (total: number, used: number): AllocationBelowUsageError =>
    make(
      'allocation_below_usage',
      `Cannot set the allocation to ${total}: the member has already used ${used} this period.`,
      { total, used },
    ),
  requestNotPending: (status: string): RequestNotPendingError =>
    make('request_not_pending', `The request is ${status}; only pending requests can change.`, { status }),
  periodClosed: (message: string): PeriodClosedError => make('period_closed', message, {}),
  idempotencyConflict: (key: string): IdempotencyConflictError =>
    make(
      'idempotency_conflict',
      `Idempotency key "${key}" was already used for a different command or payload; use a new key.`,
      { key },
    ),
  conflict: (message: string): ConflictError => make('conflict', message, {}),
  storeUnavailable: (cause: unknown): StoreUnavailableError =>
    make(
      'store_unavailable',
      `The store failed: ${cause instanceof Error ? cause.message : String(cause)}. The command wrote nothing; retry it.`,
      { cause },
    ),
};

/** True when `value` is an {@link AllotError} (checked by brand, not by class). */
export function isAllotError(value: unknown): value is AllotError {
  return (
    typeof value === 'object' && value !== null && (value as { allotError?: unknown }).allotError === true
  );
}

/** Turns zod issues into a `validation` error that names each field. */
export function fromZodError(error: z.ZodError): ValidationError {
  const issues: FieldIssue[] = error.issues.map((issue) => ({
    path: issue.path.map(String).join('.') || '(input)',
    message: issue.message,
    code: issue.code,
  }));
  const summary = issues.map((i) => `${i.path}: ${i.message}`).join('; ');
  return errors.validation(`Invalid input — ${summary}`, issues);
}

/**
 * Thrown inside a store transaction to roll it back with a domain error; the service turns it
 * back into an `Err`. Never escapes the public API.
 */
export class AbortTransaction {
  constructor(readonly error: AllotError) {}
}
