import type { ResultAsync } from 'neverthrow';
import type { AllocationResult } from '../decide/allocation';
import type { EnrollResult } from '../decide/membership';
import type { ApprovalResult } from '../decide/requests';
import type { ConsumeResult, RefundResult } from '../decide/usage';
import type { AllotError } from '../errors';
import type { AllotStore } from '../port';
import type * as c from '../schemas/commands';
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
import type { WithActor } from './runtime';

/** The shape of every {@link Allot} method: input plus actor in, a `ResultAsync` out. */
export type AllotCall<I, R> = (call: WithActor<I>) => ResultAsync<R, AllotError>;

/**
 * Every command and read of Allot, bound to one store. Each method takes one object — the input
 * plus the calling `actor` — validates it (a bad field is a `validation` error naming it, and
 * nothing is written) and returns a `ResultAsync`; nothing throws.
 *
 * Commands run in one store transaction, write the journal and accept an `idempotencyKey`
 * (usage and refunds require one). Reads first roll an ended billing period over.
 */
export interface Allot {
  /** The store this instance runs on. */
  readonly store: AllotStore;

  /** Creates an organization with its pool, first billing period and admins. System actor only. */
  createOrganization: AllotCall<c.CreateOrganizationInput, Organization>;
  /** Changes settings (name, domains, monthly pool, anchor day, thresholds, rollover policy, default allocation). Admin. `insufficient_pool` if the pool would drop below what is allocated; `conflict` if a domain belongs to another organization. */
  updateSettings: AllotCall<c.UpdateSettingsInput, Organization>;
  /** Enrolls a sign-up in the organization that claims their email's domain (exact match). Idempotent. System actor only. */
  enroll: AllotCall<c.EnrollInput, EnrollResult>;
  /** Makes a member an admin or a member. Admin. `conflict` for the last admin. */
  setRole: AllotCall<c.SetRoleInput, { member: Member }>;
  /** Removes a member; their remaining allocation returns to the pool, their history stays. Admin. */
  removeMember: AllotCall<c.RemoveMemberInput, { member: Member }>;
  /** Sets a member's **total** allocation. Admin. `insufficient_pool`, `allocation_below_usage`. */
  assign: AllotCall<c.AssignInput, AllocationResult>;
  /** Takes credits from a member's remaining back into the pool. Admin. `insufficient_credits`. */
  revoke: AllotCall<c.RevokeInput, AllocationResult>;
  /** Spends a member's credits; never overspends under any concurrency. System actor or admin. `insufficient_credits`. */
  consume: AllotCall<c.ConsumeInput, ConsumeResult>;
  /** Gives back part or all of one usage. System actor or admin. `period_closed` for a usage of a closed period. */
  refund: AllotCall<c.RefundInput, RefundResult>;
  /** A member asks for more credits. */
  submitRequest: AllotCall<c.SubmitRequestInput, CreditRequest>;
  /** Approves a pending request (optionally granting less); allocates it if the pool has room. Admin. */
  approveRequest: AllotCall<c.ApproveRequestInput, ApprovalResult>;
  /** Rejects a pending request; no credits move. Admin. */
  rejectRequest: AllotCall<c.RejectRequestInput, CreditRequest>;
  /** The requester withdraws their pending request. */
  cancelRequest: AllotCall<c.CancelRequestInput, CreditRequest>;

  /** The organization's settings. Admin. */
  getSettings: AllotCall<q.GetSettingsInput, Organization>;
  /** Pool figures, member and pending-request counts, usage % and health colour, period dates. Admin. */
  overview: AllotCall<q.OverviewInput, Overview>;
  /** Members with allocated, used and remaining; search by name or email; offset paging. Admin. */
  members: AllotCall<q.MembersInput, MembersPage>;
  /** Credit requests newest first, by status (admins: all members; members: their own). */
  requests: AllotCall<q.RequestsInput, RequestsPage>;
  /** Journal entries newest first with a cursor; filter by user, event type(s), date range (members: their own). */
  ledger: AllotCall<q.LedgerInput, LedgerPage>;
  /** Usage, allocated, revoked and refunded totals over a ledger filter. */
  summary: AllotCall<q.SummaryInput, Summary>;
  /** The ledger over a filter as CSV text chunks, streamed in constant memory. */
  exportCsv: AllotCall<q.ExportCsvInput, AsyncIterable<string>>;
  /** A member's own allocated, used and remaining for the current period (admins may ask for anyone's). */
  balance: AllotCall<q.BalanceInput, Balance>;
}
