import type { z } from 'zod';

/**
 * Every way an Allot call can fail; `code` discriminates the union.
 *
 * @example
 * ```ts
 * const retryable = (code: AllotErrorCode) => code === 'store_unavailable';
 * ```
 */
export type AllotErrorCode =
  | 'validation'
  | 'not_found'
  | 'forbidden'
  | 'insufficient_pool'
  | 'insufficient_credits'
  | 'allocation_below_usage'
  | 'request_not_pending'
  | 'hold_not_active'
  | 'period_closed'
  | 'idempotency_conflict'
  | 'conflict'
  | 'store_unavailable'
  | 'outcome_unknown';

/**
 * One problem with one input field, as zod reported it.
 *
 * @example
 * ```ts
 * const result = await allot.assign({ actor, orgId, userId: 'bob', total: -1 });
 * if (result.isErr() && result.error.code === 'validation') {
 *   result.error.issues; // [{ path: 'total', message: 'Too small: expected number to be >=0', code: 'too_small' }]
 * }
 * ```
 */
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

/**
 * An input field is invalid: `issues` names each one. Nothing was written.
 *
 * @example
 * ```ts
 * if (error.code === 'validation') for (const issue of error.issues) console.log(issue.path, issue.message);
 * ```
 */
export interface ValidationError extends ErrorBase<'validation'> {
  readonly issues: FieldIssue[];
}
/**
 * No such organization, member, request, usage or hold in this organization (`resource`, `id`).
 *
 * @example
 * ```ts
 * if (error.code === 'not_found') console.log(`no ${error.resource} ${error.id}`);
 * ```
 */
export interface NotFoundError extends ErrorBase<'not_found'> {
  readonly resource: 'organization' | 'member' | 'request' | 'usage' | 'hold';
  readonly id: string;
}
/**
 * The actor may not do this: another organization, not an active member, not an admin, or not the system actor.
 *
 * @example
 * ```ts
 * if (error.code === 'forbidden') return res.status(403).end();
 * ```
 */
export interface ForbiddenError extends ErrorBase<'forbidden'> {}
/**
 * The pool's unallocated credits cannot cover an assignment or approval (`requested`, `available`).
 *
 * @example
 * ```ts
 * if (error.code === 'insufficient_pool') console.log(`only ${error.available} of ${error.requested} credits left in the pool`);
 * ```
 */
export interface InsufficientPoolError extends ErrorBase<'insufficient_pool'> {
  readonly requested: number;
  readonly available: number;
}
/**
 * The member's remaining credits cannot cover a usage or revocation (`requested`, `available`).
 *
 * @example
 * ```ts
 * if (error.code === 'insufficient_credits') askForMoreCredits(error.requested - error.available);
 * ```
 */
export interface InsufficientCreditsError extends ErrorBase<'insufficient_credits'> {
  readonly requested: number;
  readonly available: number;
}
/**
 * A new total allocation is below what the member already used this period (`total`, `used`).
 *
 * @example
 * ```ts
 * if (error.code === 'allocation_below_usage') console.log(`at least ${error.used}`);
 * ```
 */
export interface AllocationBelowUsageError extends ErrorBase<'allocation_below_usage'> {
  readonly total: number;
  readonly used: number;
}
/**
 * The credit request was already approved, rejected or cancelled (`status`).
 *
 * @example
 * ```ts
 * if (error.code === 'request_not_pending') console.log(`already ${error.status}`);
 * ```
 */
export interface RequestNotPendingError extends ErrorBase<'request_not_pending'> {
  readonly status: string;
}
/**
 * The hold was already captured, released or expired (`status`); reserve again to go on.
 *
 * @example
 * ```ts
 * if (error.code === 'hold_not_active') console.log(`the hold is ${error.status}`);
 * ```
 */
export interface HoldNotActiveError extends ErrorBase<'hold_not_active'> {
  readonly status: string;
}
/**
 * A refund of a usage from a billing period that has ended.
 *
 * @example
 * ```ts
 * if (error.code === 'period_closed') console.log('too late to refund this usage');
 * ```
 */
export interface PeriodClosedError extends ErrorBase<'period_closed'> {}
/**
 * The idempotency key was already used with another command or payload (`key`).
 *
 * @example
 * ```ts
 * if (error.code === 'idempotency_conflict') console.log(`pick a new key instead of ${error.key}`);
 * ```
 */
export interface IdempotencyConflictError extends ErrorBase<'idempotency_conflict'> {
  readonly key: string;
}
/**
 * The command clashes with the state: a domain another organization claims, the last admin, a usage refunded in full.
 *
 * @example
 * ```ts
 * if (error.code === 'conflict') console.log(error.message);
 * ```
 */
export interface ConflictError extends ErrorBase<'conflict'> {}
/**
 * The store failed (connection lost, timeout, …) before the command could commit: it wrote
 * nothing and may be retried. `cause` holds the store's error.
 *
 * @example
 * ```ts
 * if (error.code === 'store_unavailable') await retryLater();
 * ```
 */
export interface StoreUnavailableError extends ErrorBase<'store_unavailable'> {
  readonly cause?: unknown;
}
/**
 * The connection failed after the command was sent to commit, and whether it took effect could
 * not be learned (the store stayed unreachable while Allot looked). Never assume either way:
 * retry with the same `idempotencyKey`, which replays the first result if it committed and runs
 * the command once if it did not. `cause` holds the store's error.
 *
 * @example
 * ```ts
 * if (error.code === 'outcome_unknown') await retryLaterWithTheSameKey();
 * ```
 */
export interface OutcomeUnknownError extends ErrorBase<'outcome_unknown'> {
  readonly cause?: unknown;
}

/**
 * The discriminated union every public Allot function fails with.
 *
 * @example
 * ```ts
 * import { match } from 'ts-pattern';
 *
 * const result = await allot.consume({ actor, orgId, userId: 'bob', amount: 5, idempotencyKey: 'job-1' });
 * if (result.isErr()) {
 *   const status = match(result.error)
 *     .with({ code: 'validation' }, () => 400)
 *     .with({ code: 'forbidden' }, () => 403)
 *     .with({ code: 'not_found' }, () => 404)
 *     .with({ code: 'store_unavailable' }, () => 503)
 *     .otherwise(() => 409);
 * }
 * ```
 */
export type AllotError =
  | ValidationError
  | NotFoundError
  | ForbiddenError
  | InsufficientPoolError
  | InsufficientCreditsError
  | AllocationBelowUsageError
  | RequestNotPendingError
  | HoldNotActiveError
  | PeriodClosedError
  | IdempotencyConflictError
  | ConflictError
  | StoreUnavailableError
  | OutcomeUnknownError;

/**
 * The errors of some codes: what a method whose errors are `C` fails with.
 *
 * @example
 * ```ts
 * type Refusal = AllotErrorOf<'insufficient_credits' | 'insufficient_pool'>;
 * const short = (error: Refusal) => error.requested - error.available;
 * ```
 */
export type AllotErrorOf<C extends AllotErrorCode> = Extract<AllotError, { code: C }>;

type Payload<E extends AllotError> = Omit<E, 'code' | 'message' | 'allotError'>;

function make<E extends AllotError>(code: E['code'], message: string, payload: object): E {
  return { code, message, allotError: true, ...payload } as E;
}

/**
 * Constructors for each {@link AllotError}.
 *
 * @example
 * ```ts
 * const error = errors.insufficientCredits(500, 120);
 * error.message; // 'The member has 120 credits remaining; 500 are needed.'
 * ```
 */
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
  holdNotActive: (status: string): HoldNotActiveError =>
    make('hold_not_active', `The hold is ${status}; only an active hold can be captured or released.`, {
      status,
    }),
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
  outcomeUnknown: (cause: unknown): OutcomeUnknownError =>
    make(
      'outcome_unknown',
      `The connection to the store failed while the command was committing (${cause instanceof Error ? cause.message : String(cause)}), ` +
        'and whether it took effect could not be learned. Retry with the same idempotency key: it replays the first result if the command committed and runs it once if not.',
      { cause },
    ),
};

/**
 * True when `value` is an {@link AllotError} (checked by brand, not by class).
 *
 * @example
 * ```ts
 * try {
 *   await somethingThatMayThrow();
 * } catch (cause) {
 *   if (isAllotError(cause)) console.log(cause.code);
 * }
 * ```
 */
export function isAllotError(value: unknown): value is AllotError {
  return (
    typeof value === 'object' && value !== null && (value as { allotError?: unknown }).allotError === true
  );
}

/**
 * Turns zod issues into a `validation` error that names each field.
 *
 * @example
 * ```ts
 * const parsed = consumeInput.safeParse(body);
 * if (!parsed.success) return err(fromZodError(parsed.error)); // code 'validation', one issue per field
 * ```
 */
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
 *
 * @example
 * ```ts
 * await store.transaction(async (tx) => {
 *   const member = await tx.lockMember({ orgId, userId });
 *   if (!member) throw new AbortTransaction(errors.notFound('member', userId)); // rolls back
 * });
 * ```
 */
export class AbortTransaction {
  constructor(readonly error: AllotError) {}
}
