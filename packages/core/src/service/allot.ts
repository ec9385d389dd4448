import type { ResultAsync } from 'neverthrow';
import type { AllocationResult } from '../decide/allocation';
import type { ConsumeManyResult } from '../decide/batch';
import type { CaptureResult, HoldResult, TopUpResult } from '../decide/holds';
import type { EnrollResult } from '../decide/membership';
import type { ApprovalResult } from '../decide/requests';
import type { ConsumeResult, RefundResult } from '../decide/usage';
import type { AllotError, AllotErrorCode, AllotErrorOf } from '../errors';
import type { JournalVerification } from '../journal-chain';
import type { JournalHead } from '../journal-head';
import type { AllotStore } from '../port';
import type * as c from '../schemas/commands';
import type { HoldsPage } from '../schemas/holds';
import type * as q from '../schemas/queries';
import type {
  Balance,
  CreditRequest,
  LedgerPage,
  Member,
  MembersPage,
  Organization,
  Overview,
  RequestsPage,
  Summary,
} from '../schemas/records';
import type { EventBus } from './events';
import type { WithActor } from './runtime';

/**
 * The shape of every {@link Allot} method: input plus actor in, a `ResultAsync` out that fails
 * only with the errors of the codes `C`.
 *
 * @example
 * ```ts
 * const consume: AllotCall<ConsumeInput, ConsumeResult, AllotMethodError<'consume'>['code']> = allot.consume;
 * ```
 */
export type AllotCall<I, R, C extends AllotErrorCode = AllotErrorCode> = (
  call: WithActor<I>,
) => ResultAsync<R, AllotErrorOf<C>>;

/**
 * What every command can fail with besides its own codes: bad input, an actor who may not, an
 * idempotency key reused for another payload, and the store failing — before the commit
 * (`store_unavailable`: nothing was written) or during it with the outcome lost (`outcome_unknown`).
 *
 * @example
 * ```ts
 * const retryable = (code: CommandErrorCode) => code === 'store_unavailable' || code === 'outcome_unknown';
 * ```
 */
export type CommandErrorCode =
  | 'validation'
  | 'forbidden'
  | 'idempotency_conflict'
  | 'store_unavailable'
  | 'outcome_unknown';

/**
 * What every read can fail with: bad input, an actor who may not, no such organization, the store failing.
 *
 * @example
 * ```ts
 * const status = (code: ReadErrorCode) => ({ validation: 400, forbidden: 403, not_found: 404, store_unavailable: 503 })[code];
 * ```
 */
export type ReadErrorCode = 'validation' | 'forbidden' | 'not_found' | 'store_unavailable';

/**
 * A command of {@link Allot}: fails with its own codes `C` or a {@link CommandErrorCode}.
 *
 * @example
 * ```ts
 * const topUp: AllotCommand<TopUpInput, TopUpResult, 'not_found'> = allot.topUp;
 * ```
 */
export type AllotCommand<I, R, C extends AllotErrorCode = never> = AllotCall<I, R, C | CommandErrorCode>;
/**
 * A read of {@link Allot}: fails with a {@link ReadErrorCode}.
 *
 * @example
 * ```ts
 * const overview: AllotRead<OverviewInput, Overview> = allot.overview;
 * ```
 */
export type AllotRead<I, R> = AllotCall<I, R, ReadErrorCode>;

/**
 * Every command and read of Allot, bound to one store. Each method takes one object — the input
 * plus the calling `actor` — validates it (a bad field is a `validation` error naming it, and
 * nothing is written) and returns a `ResultAsync`; nothing throws.
 *
 * Commands run in one store transaction, write the journal and accept an `idempotencyKey`
 * (usage, refunds and holds require one). Reads first roll an ended billing period over. Each
 * method's type names the error codes it can fail with ({@link AllotMethodError}): its own, plus
 * {@link CommandErrorCode} for commands and {@link ReadErrorCode} for reads. `orThrow(call)`
 * turns a result into its value or a thrown {@link AllotFailure}.
 *
 * @example
 * ```ts
 * const allot: Allot = createAllot({ store: createMemoryStore() });
 * const result = await allot.overview({ actor: actors.user('acme', 'ada') });
 * result.match(
 *   (overview) => console.log(overview.remaining),
 *   (error) => console.error(error.code, error.message),
 * );
 * ```
 */
export interface Allot {
  /** The store this instance runs on. */
  readonly store: AllotStore;

  /**
   * Creates an organization with its pool, first billing period and admins. System actor only.
   * Errors: `validation`, `forbidden`, `conflict` (a domain another organization claims).
   */
  createOrganization: AllotCommand<c.CreateOrganizationInput, Organization, 'conflict'>;
  /**
   * Changes settings (name, domains, monthly pool, anchor day, thresholds, rollover policy, default
   * allocation); a new anchor day applies from the next period. Admin. Errors: `validation`,
   * `forbidden`, `not_found`, `insufficient_pool` (the pool would drop below what is allocated),
   * `conflict` (a domain belongs to another organization).
   */
  updateSettings: AllotCommand<
    c.UpdateSettingsInput,
    Organization,
    'not_found' | 'insufficient_pool' | 'conflict'
  >;
  /**
   * Enrolls a sign-up in the organization that claims their email's domain (exact match), with
   * the default allocation if the pool has room; `outcome` says `enrolled`, `already_member` or
   * `no_matching_org`. Idempotent. System actor only. Errors: `validation`, `forbidden`.
   */
  enroll: AllotCommand<c.EnrollInput, EnrollResult>;
  /**
   * Makes a member an admin or a member. Admin. Errors: `validation`, `forbidden`, `not_found`,
   * `conflict` (the last admin).
   */
  setRole: AllotCommand<c.SetRoleInput, { member: Member }, 'not_found' | 'conflict'>;
  /**
   * Removes a member; their remaining allocation returns to the pool, their history stays. Admin.
   * Errors: `validation`, `forbidden`, `not_found`, `conflict` (the last admin).
   */
  removeMember: AllotCommand<c.RemoveMemberInput, { member: Member }, 'not_found' | 'conflict'>;
  /**
   * Sets a member's **total** allocation (it does not add). Admin. Errors: `validation`,
   * `forbidden`, `not_found`, `insufficient_pool`, `allocation_below_usage`.
   */
  assign: AllotCommand<
    c.AssignInput,
    AllocationResult,
    'not_found' | 'insufficient_pool' | 'allocation_below_usage'
  >;
  /**
   * Takes credits from a member's remaining back into the pool. Admin. Errors: `validation`,
   * `forbidden`, `not_found`, `insufficient_credits`.
   */
  revoke: AllotCommand<c.RevokeInput, AllocationResult, 'not_found' | 'insufficient_credits'>;
  /**
   * Spends a member's credits; never overspends under any concurrency. The idempotency key is
   * required. System actor or admin. Errors: `validation`, `forbidden`, `not_found`,
   * `insufficient_credits`, `idempotency_conflict`.
   */
  consume: AllotCommand<c.ConsumeInput, ConsumeResult, 'not_found' | 'insufficient_credits'>;
  /**
   * Records up to {@link MAX_BATCH_EVENTS} usage events of one organization in one transaction,
   * each as its own `consume` with its own idempotency key (keys are shared with `consume`: an
   * event whose key a `consume` or an earlier batch used replays that first result). Each event
   * gets its own outcome, in order: `ok` with what `consume` answers, or its error (`not_found`,
   * `insufficient_credits`, `idempotency_conflict`, `validation` for a total past the safe
   * range) — a member short of credits refuses that event only, and a member's later events see
   * what the earlier ones spent. Refused events are not remembered: sending the batch again
   * replays every success and decides the refused events afresh. Members are locked in one fixed
   * order; the pool row is not locked. System actor or admin. Errors of the whole call:
   * `validation` (more than {@link MAX_BATCH_EVENTS} events, a bad event named by its index
   * path such as `events.3.amount`, or one key twice), `forbidden`, `not_found` (no such
   * organization), `store_unavailable`, `outcome_unknown`.
   *
   * @example
   * ```ts
   * const { results } = await orThrow(
   *   allot.consumeMany({
   *     actor: actors.system(), orgId,
   *     events: [
   *       { userId: 'bob', amount: 12, idempotencyKey: 'evt-1' },
   *       { userId: 'cy', amount: 40, idempotencyKey: 'evt-2', description: 'Render' },
   *     ],
   *   }),
   * );
   * ```
   */
  consumeMany: AllotCall<
    c.ConsumeManyInput,
    ConsumeManyResult,
    Exclude<CommandErrorCode, 'idempotency_conflict'> | 'not_found'
  >;
  /**
   * Gives back part or all of one usage (all that is left when `amount` is omitted). The
   * idempotency key is required. System actor or admin. Errors: `validation` (more than is left to
   * refund), `forbidden`, `not_found`, `period_closed` (a usage of a closed period), `conflict`
   * (already refunded in full), `idempotency_conflict`.
   */
  refund: AllotCommand<c.RefundInput, RefundResult, 'not_found' | 'period_closed' | 'conflict'>;
  /**
   * A member asks for more credits (the system actor names the member with `userId`). Errors:
   * `validation`, `forbidden`, `not_found`.
   */
  submitRequest: AllotCommand<c.SubmitRequestInput, CreditRequest, 'not_found'>;
  /**
   * Approves a pending request (optionally granting less) and allocates it; if the pool has no
   * room it is refused and the request stays pending. Admin. Errors: `validation`, `forbidden`,
   * `not_found`, `request_not_pending`, `insufficient_pool`.
   */
  approveRequest: AllotCommand<
    c.ApproveRequestInput,
    ApprovalResult,
    'not_found' | 'request_not_pending' | 'insufficient_pool'
  >;
  /**
   * Rejects a pending request; no credits move. Admin. Errors: `validation`, `forbidden`,
   * `not_found`, `request_not_pending`.
   */
  rejectRequest: AllotCommand<c.RejectRequestInput, CreditRequest, 'not_found' | 'request_not_pending'>;
  /**
   * The requester withdraws their pending request. Errors: `validation`, `forbidden` (someone
   * else's request), `not_found`, `request_not_pending`.
   */
  cancelRequest: AllotCommand<c.CancelRequestInput, CreditRequest, 'not_found' | 'request_not_pending'>;

  /** The organization's settings. Admin. Errors: `validation`, `forbidden`, `not_found`. */
  getSettings: AllotRead<q.GetSettingsInput, Organization>;
  /**
   * Pool figures, member and pending-request counts, usage % and health colour, period dates.
   * Admin. Errors: `validation`, `forbidden`, `not_found`.
   */
  overview: AllotRead<q.OverviewInput, Overview>;
  /**
   * Members with allocated, used and remaining; search by name or email; offset paging. Admin.
   * Errors: `validation`, `forbidden`, `not_found`.
   */
  members: AllotRead<q.MembersInput, MembersPage>;
  /**
   * Credit requests newest first, by status (admins: all members; members: their own). Errors:
   * `validation` (also for a cursor Allot did not make), `forbidden`, `not_found`.
   */
  requests: AllotRead<q.RequestsInput, RequestsPage>;
  /**
   * Journal entries newest first with a cursor; filter by user, event type(s), date range
   * (members: their own). Errors: `validation`, `forbidden`, `not_found`.
   */
  ledger: AllotRead<q.LedgerInput, LedgerPage>;
  /**
   * Usage, allocated, revoked and refunded totals over a ledger filter (members: their own).
   * Errors: `validation`, `forbidden`, `not_found`.
   */
  summary: AllotRead<q.SummaryInput, Summary>;
  /**
   * The ledger over a filter as CSV text chunks (a header, then one line per entry), streamed from
   * the store in constant memory, formula-injection safe (members: their own). Errors:
   * `validation`, `forbidden`, `not_found`; a store failure while iterating rejects the iteration.
   */
  exportCsv: AllotRead<q.ExportCsvInput, AsyncIterable<string>>;
  /**
   * A member's own allocated, used and remaining for the current period (admins may ask for
   * anyone's). Errors: `validation`, `forbidden`, `not_found`.
   */
  balance: AllotRead<q.BalanceInput, Balance>;
  /**
   * Checks the journal's hash chains (one per member, one for the organization) and reports every
   * break, each with its chain, entry and kind: an entry edited, deleted, inserted or reordered
   * behind Allot's back; a chain cut short; a member or organization row whose head (`seq`,
   * `lastHash`) or member balance does not match its chain's entry. With a journal key
   * (`createAllot({ journalKey })`) a rehash without the key shows; with a `head` saved earlier
   * by {@link Allot.journalHead}, a truncation, rollback or rehash since shows. Reads the journal
   * chain by chain, `pageSize` entries per round trip, in constant memory. Admin. Errors:
   * `validation` (also for a head of another organization or whose digest does not match),
   * `forbidden`, `not_found`.
   *
   * @example
   * ```ts
   * const result = await allot.verifyJournal({ actor: actors.system(), orgId, head: savedHead });
   * if (result.isOk() && !result.value.ok) for (const b of result.value.breaks) console.error(b.message);
   * ```
   */
  verifyJournal: AllotRead<q.VerifyJournalInput, JournalVerification>;
  /**
   * The journal's head now: each chain's length and last hash (from the records) and one digest
   * over them (HMAC under the journal key when there is one). Store or sign it outside the
   * database and pass it back to `verifyJournal({ head })` later. Admin. Errors: `validation`,
   * `forbidden`, `not_found`.
   *
   * @example
   * ```ts
   * const head = await allot.journalHead({ actor: actors.system(), orgId });
   * if (head.isOk()) await archive.put(`journal-head/${orgId}`, JSON.stringify(head.value));
   * ```
   */
  journalHead: AllotRead<q.JournalHeadInput, JournalHead>;

  /**
   * Reserves `amount` of a member's remaining credits for work that has not finished: they stop
   * counting as remaining until the hold is captured, released, or lapses after `ttlSeconds`
   * (15 minutes by default; expiry is applied lazily by the next call that touches the member).
   * The idempotency key is required. System actor or admin. Errors: `validation`, `forbidden`,
   * `not_found`, `insufficient_credits`, `idempotency_conflict`.
   *
   * @example
   * ```ts
   * const { hold } = await orThrow(
   *   allot.reserve({ actor: actors.system(), orgId, userId: 'bob', amount: 300, idempotencyKey: 'job-7' }),
   * );
   * ```
   */
  reserve: AllotCommand<c.ReserveInput, HoldResult, 'not_found' | 'insufficient_credits'>;
  /**
   * Turns an active hold into a `usage` entry of `amount` (≤ the hold; all of it when omitted) and
   * returns the rest to the member. The usage entry carries the hold id and can be refunded like
   * any usage. The idempotency key is required. System actor or admin. Errors: `validation`
   * (more than the hold), `forbidden`, `not_found`, `hold_not_active`, `idempotency_conflict`.
   *
   * @example
   * ```ts
   * const { usage } = await orThrow(
   *   allot.capture({ actor: actors.system(), orgId, holdId: hold.id, amount: 240, idempotencyKey: 'job-7:capture' }),
   * );
   * ```
   */
  capture: AllotCommand<c.CaptureInput, CaptureResult, 'not_found' | 'hold_not_active'>;
  /**
   * Returns an active hold's credits to the member. System actor or admin. Errors: `validation`,
   * `forbidden`, `not_found`, `hold_not_active`, `idempotency_conflict`.
   *
   * @example
   * ```ts
   * await allot.release({ actor: actors.system(), orgId, holdId: hold.id });
   * ```
   */
  release: AllotCommand<c.ReleaseInput, HoldResult, 'not_found' | 'hold_not_active'>;
  /**
   * Holds newest first, `active` ones by default (members: their own). Holds past their expiry
   * are expired first. Errors: `validation`, `forbidden`, `not_found`.
   *
   * @example
   * ```ts
   * const page = await orThrow(allot.holds({ actor: admin, status: 'active' }));
   * ```
   */
  holds: AllotRead<q.HoldsInput, HoldsPage>;
  /**
   * Adds `amount` credits to the current period's pool (journaled as a `top_up`; the next period
   * starts from `monthlyPool` again). Admin. Errors: `validation`, `forbidden`, `not_found`,
   * `idempotency_conflict`.
   *
   * @example
   * ```ts
   * await allot.topUp({ actor: admin, amount: 2_000, reason: 'Launch week' });
   * ```
   */
  topUp: AllotCommand<c.TopUpInput, TopUpResult, 'not_found'>;
  /**
   * Subscribes to events (or `'*'` for all) and starts this instance's dispatcher, which delivers
   * each committed event at least once — never before its transaction commits, never for one
   * that rolled back. A handler that throws gets the event again later; deduplicate by `event.id`.
   * Returns the unsubscribe function. Events are off by default: it throws unless the instance
   * was made with `createAllot({ store, events: true })` (or event options).
   *
   * @example
   * ```ts
   * const allot = createAllot({ store, events: true });
   * const stop = allot.on('alert.triggered', async (event) => {
   *   await notifyAdmins(event.orgId, event.alert);
   * });
   * ```
   */
  on: EventBus['on'];
  /** The event dispatcher: `flush()` delivers everything due now, `stop()` ends delivery. */
  readonly events: EventBus;
}

/**
 * The name of each command and read of {@link Allot}.
 *
 * @example
 * ```ts
 * const audited: AllotMethod[] = ['assign', 'revoke', 'topUp'];
 * ```
 */
export type AllotMethod = {
  [M in keyof Allot]: Allot[M] extends (call: never) => ResultAsync<unknown, unknown> ? M : never;
}[keyof Allot];

/**
 * The errors one method can fail with: `AllotMethodError<'consume'>['code']` is
 * `'validation' | 'forbidden' | 'not_found' | 'insufficient_credits' | 'idempotency_conflict' | …`.
 *
 * @example
 * ```ts
 * function explain(error: AllotMethodError<'consume'>): string {
 *   return error.code === 'insufficient_credits' ? `only ${error.available} left` : error.message;
 * }
 * ```
 */
export type AllotMethodError<M extends AllotMethod> = Allot[M] extends (
  call: never,
) => ResultAsync<unknown, infer E>
  ? E
  : never;

/**
 * The implementations' shape: each method of `M` as in {@link Allot}, failing with any
 * {@link AllotError}. createAllot narrows them to each method's codes, which the
 * errors-per-method tests pin (every code reachable; the types list each one).
 *
 * @internal
 */
export type AllotImplementation<M extends AllotMethod> = {
  [K in M]: (
    call: Parameters<Allot[K]>[0],
  ) => ResultAsync<Allot[K] extends (call: never) => ResultAsync<infer R, unknown> ? R : never, AllotError>;
};
