import type { ResultAsync } from 'neverthrow';
import type { AllocationResult } from '../decide/allocation';
import type { CaptureResult, HoldResult, TopUpResult } from '../decide/holds';
import type { EnrollResult } from '../decide/membership';
import type { ApprovalResult } from '../decide/requests';
import type { ConsumeResult, RefundResult } from '../decide/usage';
import type { AllotError } from '../errors';
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
 * The shape of every {@link Allot} method: input plus actor in, a `ResultAsync` out.
 *
 * @example
 * ```ts
 * const consume: AllotCall<ConsumeInput, ConsumeResult> = allot.consume;
 * ```
 */
export type AllotCall<I, R> = (call: WithActor<I>) => ResultAsync<R, AllotError>;

/**
 * Every command and read of Allot, bound to one store. Each method takes one object — the input
 * plus the calling `actor` — validates it (a bad field is a `validation` error naming it, and
 * nothing is written) and returns a `ResultAsync`; nothing throws.
 *
 * Commands run in one store transaction, write the journal and accept an `idempotencyKey`
 * (usage and refunds require one). Reads first roll an ended billing period over. Besides the
 * errors each method lists, any of them fails with `store_unavailable` when the store does; a
 * command then wrote nothing and may be retried.
 *
 * @example
 * ```ts
 * const allot: Allot = createAllot({ store: createMemoryStore() });
 * const result = await allot.overview({ actor: actors.user('acme', 'ada'), orgId: 'acme' });
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
  createOrganization: AllotCall<c.CreateOrganizationInput, Organization>;
  /**
   * Changes settings (name, domains, monthly pool, anchor day, thresholds, rollover policy, default
   * allocation); a new anchor day applies from the next period. Admin. Errors: `validation`,
   * `forbidden`, `not_found`, `insufficient_pool` (the pool would drop below what is allocated),
   * `conflict` (a domain belongs to another organization).
   */
  updateSettings: AllotCall<c.UpdateSettingsInput, Organization>;
  /**
   * Enrolls a sign-up in the organization that claims their email's domain (exact match), with
   * the default allocation if the pool has room; `outcome` says `enrolled`, `already_member` or
   * `no_matching_org`. Idempotent. System actor only. Errors: `validation`, `forbidden`.
   */
  enroll: AllotCall<c.EnrollInput, EnrollResult>;
  /**
   * Makes a member an admin or a member. Admin. Errors: `validation`, `forbidden`, `not_found`,
   * `conflict` (the last admin).
   */
  setRole: AllotCall<c.SetRoleInput, { member: Member }>;
  /**
   * Removes a member; their remaining allocation returns to the pool, their history stays. Admin.
   * Errors: `validation`, `forbidden`, `not_found`, `conflict` (the last admin).
   */
  removeMember: AllotCall<c.RemoveMemberInput, { member: Member }>;
  /**
   * Sets a member's **total** allocation (it does not add). Admin. Errors: `validation`,
   * `forbidden`, `not_found`, `insufficient_pool`, `allocation_below_usage`.
   */
  assign: AllotCall<c.AssignInput, AllocationResult>;
  /**
   * Takes credits from a member's remaining back into the pool. Admin. Errors: `validation`,
   * `forbidden`, `not_found`, `insufficient_credits`.
   */
  revoke: AllotCall<c.RevokeInput, AllocationResult>;
  /**
   * Spends a member's credits; never overspends under any concurrency. The idempotency key is
   * required. System actor or admin. Errors: `validation`, `forbidden`, `not_found`,
   * `insufficient_credits`, `idempotency_conflict`.
   */
  consume: AllotCall<c.ConsumeInput, ConsumeResult>;
  /**
   * Gives back part or all of one usage (all that is left when `amount` is omitted). The
   * idempotency key is required. System actor or admin. Errors: `validation` (more than is left to
   * refund), `forbidden`, `not_found`, `period_closed` (a usage of a closed period), `conflict`
   * (already refunded in full), `idempotency_conflict`.
   */
  refund: AllotCall<c.RefundInput, RefundResult>;
  /**
   * A member asks for more credits (the system actor names the member with `userId`). Errors:
   * `validation`, `forbidden`, `not_found`.
   */
  submitRequest: AllotCall<c.SubmitRequestInput, CreditRequest>;
  /**
   * Approves a pending request (optionally granting less) and allocates it; if the pool has no
   * room it is refused and the request stays pending. Admin. Errors: `validation`, `forbidden`,
   * `not_found`, `request_not_pending`, `insufficient_pool`.
   */
  approveRequest: AllotCall<c.ApproveRequestInput, ApprovalResult>;
  /**
   * Rejects a pending request; no credits move. Admin. Errors: `validation`, `forbidden`,
   * `not_found`, `request_not_pending`.
   */
  rejectRequest: AllotCall<c.RejectRequestInput, CreditRequest>;
  /**
   * The requester withdraws their pending request. Errors: `validation`, `forbidden` (someone
   * else's request), `not_found`, `request_not_pending`.
   */
  cancelRequest: AllotCall<c.CancelRequestInput, CreditRequest>;

  /** The organization's settings. Admin. Errors: `validation`, `forbidden`, `not_found`. */
  getSettings: AllotCall<q.GetSettingsInput, Organization>;
  /**
   * Pool figures, member and pending-request counts, usage % and health colour, period dates.
   * Admin. Errors: `validation`, `forbidden`, `not_found`.
   */
  overview: AllotCall<q.OverviewInput, Overview>;
  /**
   * Members with allocated, used and remaining; search by name or email; offset paging. Admin.
   * Errors: `validation`, `forbidden`, `not_found`.
   */
  members: AllotCall<q.MembersInput, MembersPage>;
  /**
   * Credit requests newest first, by status (admins: all members; members: their own). Errors:
   * `validation` (also for a cursor Allot did not make), `forbidden`, `not_found`.
   */
  requests: AllotCall<q.RequestsInput, RequestsPage>;
  /**
   * Journal entries newest first with a cursor; filter by user, event type(s), date range
   * (members: their own). Errors: `validation`, `forbidden`, `not_found`.
   */
  ledger: AllotCall<q.LedgerInput, LedgerPage>;
  /**
   * Usage, allocated, revoked and refunded totals over a ledger filter (members: their own).
   * Errors: `validation`, `forbidden`, `not_found`.
   */
  summary: AllotCall<q.SummaryInput, Summary>;
  /**
   * The ledger over a filter as CSV text chunks (a header, then one line per entry), streamed from
   * the store in constant memory, formula-injection safe (members: their own). Errors:
   * `validation`, `forbidden`, `not_found`; a store failure while iterating rejects the iteration.
   */
  exportCsv: AllotCall<q.ExportCsvInput, AsyncIterable<string>>;
  /**
   * A member's own allocated, used and remaining for the current period (admins may ask for
   * anyone's). Errors: `validation`, `forbidden`, `not_found`.
   */
  balance: AllotCall<q.BalanceInput, Balance>;
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
  verifyJournal: AllotCall<q.VerifyJournalInput, JournalVerification>;
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
  journalHead: AllotCall<q.JournalHeadInput, JournalHead>;

  /**
   * Reserves `amount` of a member's remaining credits for work that has not finished: they stop
   * counting as remaining until the hold is captured, released, or lapses after `ttlSeconds`
   * (15 minutes by default; expiry is applied lazily by the next call that touches the member).
   * The idempotency key is required. System actor or admin. Errors: `validation`, `forbidden`,
   * `not_found`, `insufficient_credits`, `idempotency_conflict`.
   *
   * @example
   * ```ts
   * const { hold } = (
   *   await allot.reserve({ actor: actors.system(), orgId, userId: 'bob', amount: 300, idempotencyKey: 'job-7' })
   * )._unsafeUnwrap();
   * ```
   */
  reserve: AllotCall<c.ReserveInput, HoldResult>;
  /**
   * Turns an active hold into a `usage` entry of `amount` (≤ the hold; all of it when omitted) and
   * returns the rest to the member. The usage entry carries the hold id and can be refunded like
   * any usage. The idempotency key is required. System actor or admin. Errors: `validation`
   * (more than the hold), `forbidden`, `not_found`, `hold_not_active`, `idempotency_conflict`.
   *
   * @example
   * ```ts
   * const { usage } = (
   *   await allot.capture({ actor: actors.system(), orgId, holdId: hold.id, amount: 240, idempotencyKey: 'job-7:capture' })
   * )._unsafeUnwrap();
   * ```
   */
  capture: AllotCall<c.CaptureInput, CaptureResult>;
  /**
   * Returns an active hold's credits to the member. System actor or admin. Errors: `validation`,
   * `forbidden`, `not_found`, `hold_not_active`, `idempotency_conflict`.
   *
   * @example
   * ```ts
   * await allot.release({ actor: actors.system(), orgId, holdId: hold.id });
   * ```
   */
  release: AllotCall<c.ReleaseInput, HoldResult>;
  /**
   * Holds newest first, `active` ones by default (members: their own). Holds past their expiry
   * are expired first. Errors: `validation`, `forbidden`, `not_found`.
   *
   * @example
   * ```ts
   * const page = (await allot.holds({ actor: admin, orgId, status: 'active' }))._unsafeUnwrap();
   * ```
   */
  holds: AllotCall<q.HoldsInput, HoldsPage>;
  /**
   * Adds `amount` credits to the current period's pool (journaled as a `top_up`; the next period
   * starts from `monthlyPool` again). Admin. Errors: `validation`, `forbidden`, `not_found`,
   * `idempotency_conflict`.
   *
   * @example
   * ```ts
   * await allot.topUp({ actor: admin, orgId, amount: 2_000, reason: 'Launch week' });
   * ```
   */
  topUp: AllotCall<c.TopUpInput, TopUpResult>;
  /**
   * Subscribes to events (or `'*'` for all) and starts this instance's dispatcher, which delivers
   * each committed event at least once — never before its transaction commits, never for one
   * that rolled back. A handler that throws gets the event again later; deduplicate by `event.id`.
   * Returns the unsubscribe function.
   *
   * @example
   * ```ts
   * const stop = allot.on('alert.triggered', async (event) => {
   *   await notifyAdmins(event.orgId, event.alert);
   * });
   * ```
   */
  on: EventBus['on'];
  /** The event dispatcher: `flush()` delivers everything due now, `stop()` ends delivery. */
  readonly events: EventBus;
}
