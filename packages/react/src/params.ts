import type {
  ApproveRequestInput,
  AssignInput,
  CancelRequestInput,
  CaptureInput,
  HoldsInput,
  LedgerFilter,
  MembersInput,
  MembersPage,
  RejectRequestInput,
  ReleaseInput,
  RemoveMemberInput,
  RequestsInput,
  ReserveInput,
  RevokeInput,
  SetRoleInput,
  SubmitRequestInput,
  TopUpInput,
  UpdateSettingsInput,
} from '@allot/core';

// The client's parameter types, derived from `@allot/core`'s input types: the organization comes
// from the signed-in actor on the server, so `orgId` is never sent.

/**
 * A page size as a number (the server coerces query strings).
 * @inline
 */
type Paging = { limit?: number };

/**
 * `GET /members`: search by name or email, offset paging.
 *
 * @example
 * ```ts
 * const params: MembersParams = { search: 'ada', limit: 20, offset: 40 };
 * ```
 */
export type MembersParams = Pick<MembersInput, 'search'> & Partial<Pick<MembersPage, 'limit' | 'offset'>>;

/**
 * `GET /requests`: `pending`, `approved`, `rejected`, `cancelled` or `all` (the default).
 *
 * @example
 * ```ts
 * const params: RequestsParams = { status: 'pending', limit: 50 };
 * ```
 */
export type RequestsParams = Pick<RequestsInput, 'status' | 'userId' | 'cursor'> & Paging;

/**
 * `GET /me/requests`: the caller's own requests, whatever their role (no `userId`), by status
 * (`all` by default), paged by cursor.
 *
 * @example
 * ```ts
 * const params: MyRequestsParams = { status: 'pending', limit: 10 };
 * ```
 */
export type MyRequestsParams = Omit<RequestsParams, 'userId'>;

/**
 * Which ledger entries a ledger page, summary or CSV export covers (event types as a list).
 *
 * @example
 * ```ts
 * const filter: LedgerFilterParams = { userId: 'bob', type: ['usage', 'refund'], from: '2026-11-01' };
 * ```
 */
export type LedgerFilterParams = LedgerFilter;

/**
 * `GET /ledger`: a filter plus the cursor of the page to read.
 *
 * @example
 * ```ts
 * const params: LedgerParams = { type: ['usage'], cursor: page.nextCursor ?? undefined, limit: 25 };
 * ```
 */
export type LedgerParams = LedgerFilter & { cursor?: string | undefined } & Paging;

/**
 * `GET /me/ledger` filter: the caller's own entries (no `userId`).
 *
 * @example
 * ```ts
 * const filter: MyLedgerFilterParams = { type: ['usage'] };
 * ```
 */
export type MyLedgerFilterParams = Omit<LedgerFilter, 'userId'>;

/**
 * `GET /me/ledger`: the caller's own entries, a page at a time.
 *
 * @example
 * ```ts
 * const params: MyLedgerParams = { type: ['usage'], limit: 10 };
 * ```
 */
export type MyLedgerParams = MyLedgerFilterParams & { cursor?: string | undefined } & Paging;

/**
 * `PUT /members/:userId/allocation`: set the member's total allocation.
 *
 * @example
 * ```ts
 * const params: AssignParams = { userId: 'bob', total: 500, idempotencyKey: 'assign-bob-1' };
 * ```
 */
export type AssignParams = Omit<AssignInput, 'orgId'>;

/**
 * `POST /members/:userId/revocations`: take credits back to the pool.
 *
 * @example
 * ```ts
 * const params: RevokeParams = { userId: 'bob', amount: 100 };
 * ```
 */
export type RevokeParams = Omit<RevokeInput, 'orgId'>;

/**
 * `PATCH /members/:userId`: make someone an admin or a member.
 *
 * @example
 * ```ts
 * const params: SetRoleParams = { userId: 'bob', role: 'admin' };
 * ```
 */
export type SetRoleParams = Omit<SetRoleInput, 'orgId'>;

/**
 * `DELETE /members/:userId`.
 *
 * @example
 * ```ts
 * const params: RemoveMemberParams = { userId: 'bob' };
 * ```
 */
export type RemoveMemberParams = Omit<RemoveMemberInput, 'orgId'>;

/**
 * `PATCH /settings`: only the fields you pass change.
 *
 * @example
 * ```ts
 * const params: UpdateSettingsParams = { monthlyPool: 20_000, thresholds: { yellow: 60, red: 85 } };
 * ```
 */
export type UpdateSettingsParams = Omit<UpdateSettingsInput, 'orgId'>;

/**
 * `POST /requests`: the caller asks for more credits.
 *
 * @example
 * ```ts
 * const params: SubmitRequestParams = { amount: 500, message: 'Launch week' };
 * ```
 */
export type SubmitRequestParams = Omit<SubmitRequestInput, 'orgId' | 'userId'>;

/**
 * `POST /requests/:id/approve`: grant the requested amount, or less.
 *
 * @example
 * ```ts
 * const params: ApproveRequestParams = { requestId, amount: 300 };
 * ```
 */
export type ApproveRequestParams = Omit<ApproveRequestInput, 'orgId'>;

/**
 * `POST /requests/:id/reject`.
 *
 * @example
 * ```ts
 * const params: RejectRequestParams = { requestId, reason: 'Not this month' };
 * ```
 */
export type RejectRequestParams = Omit<RejectRequestInput, 'orgId'>;

/**
 * `POST /requests/:id/cancel`.
 *
 * @example
 * ```ts
 * const params: CancelRequestParams = { requestId };
 * ```
 */
export type CancelRequestParams = Omit<CancelRequestInput, 'orgId'>;

/**
 * `GET /holds`: `active` (the default), `captured`, `released`, `expired` or `all`, optionally for
 * one member (members always see only their own), paged by cursor.
 *
 * @example
 * ```ts
 * const params: HoldsParams = { status: 'active', userId: 'bob', limit: 20 };
 * ```
 */
export type HoldsParams = Pick<HoldsInput, 'status' | 'userId' | 'cursor'> & Paging;

/**
 * `GET /me/holds`: the caller's own holds, whatever their role (no `userId`): `active` (the
 * default), `captured`, `released`, `expired` or `all`, paged by cursor.
 *
 * @example
 * ```ts
 * const params: MyHoldsParams = { status: 'active', limit: 20 };
 * ```
 */
export type MyHoldsParams = Omit<HoldsParams, 'userId'>;

/**
 * `POST /holds`: reserve credits of a member for work that has not finished yet. The
 * `idempotencyKey` is required (sent as the `Idempotency-Key` header).
 *
 * @example
 * ```ts
 * const params: ReserveParams = { userId: 'bob', amount: 300, ttlSeconds: 600, idempotencyKey: 'job-7' };
 * ```
 */
export type ReserveParams = Omit<ReserveInput, 'orgId'>;

/**
 * `POST /holds/:holdId/capture`: turn the hold (or part of it) into usage. The `idempotencyKey`
 * is required.
 *
 * @example
 * ```ts
 * const params: CaptureParams = { holdId, amount: 240, idempotencyKey: 'job-7:capture' };
 * ```
 */
export type CaptureParams = Omit<CaptureInput, 'orgId'>;

/**
 * `POST /holds/:holdId/release`: give the held credits back to the member.
 *
 * @example
 * ```ts
 * const params: ReleaseParams = { holdId, idempotencyKey: 'job-7:release' };
 * ```
 */
export type ReleaseParams = Omit<ReleaseInput, 'orgId'>;

/**
 * `POST /top-ups`: add credits to this billing period's pool (admin).
 *
 * @example
 * ```ts
 * const params: TopUpParams = { amount: 2_000, reason: 'Launch week' };
 * ```
 */
export type TopUpParams = Omit<TopUpInput, 'orgId'>;
