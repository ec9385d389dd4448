import type {
  ApproveRequestInput,
  AssignInput,
  CancelRequestInput,
  LedgerFilter,
  MembersInput,
  MembersPage,
  RejectRequestInput,
  RemoveMemberInput,
  RequestsInput,
  RevokeInput,
  SetRoleInput,
  SubmitRequestInput,
  UpdateSettingsInput,
} from '@allot/core';

/**
 * The client's parameter types, derived from `@allot/core`'s input types: the organization comes
 * from the signed-in actor on the server, so `orgId` is never sent.
 *
 * @example
 * ```ts
 * const params: AssignParams = { userId: 'bob', total: 500, idempotencyKey: 'assign-bob-1' };
 * ```
 */
type Body<T> = Omit<T, 'orgId'>;

/** A page size or offset as a number (the server coerces query strings). */
type Paging = { limit?: number };

/** `GET /members`: search by name or email, offset paging. */
export type MembersParams = Pick<MembersInput, 'search'> & Partial<Pick<MembersPage, 'limit' | 'offset'>>;

/** `GET /requests`: `pending`, `approved`, `rejected`, `cancelled` or `all` (the default). */
export type RequestsParams = Pick<RequestsInput, 'status' | 'userId' | 'cursor'> & Paging;

/** Which ledger entries a ledger page, summary or CSV export covers (event types as a list). */
export type LedgerFilterParams = LedgerFilter;

/** `GET /ledger`: a filter plus the cursor of the page to read. */
export type LedgerParams = LedgerFilter & { cursor?: string | undefined } & Paging;

/** `GET /me/ledger`: the caller's own entries. */
export type MyLedgerFilterParams = Omit<LedgerFilter, 'userId'>;
export type MyLedgerParams = MyLedgerFilterParams & { cursor?: string | undefined } & Paging;

/** `PUT /members/:userId/allocation`: set the member's total allocation. */
export type AssignParams = Body<AssignInput>;
/** `POST /members/:userId/revocations`: take credits back to the pool. */
export type RevokeParams = Body<RevokeInput>;
/** `PATCH /members/:userId`: make someone an admin or a member. */
export type SetRoleParams = Body<SetRoleInput>;
/** `DELETE /members/:userId`. */
export type RemoveMemberParams = Body<RemoveMemberInput>;
/** `PATCH /settings`. */
export type UpdateSettingsParams = Body<UpdateSettingsInput>;
/** `POST /requests`: the caller asks for more credits. */
export type SubmitRequestParams = Omit<Body<SubmitRequestInput>, 'userId'>;
/** `POST /requests/:id/approve`: grant the requested amount, or less. */
export type ApproveRequestParams = Body<ApproveRequestInput>;
/** `POST /requests/:id/reject`. */
export type RejectRequestParams = Body<RejectRequestInput>;
/** `POST /requests/:id/cancel`. */
export type CancelRequestParams = Body<CancelRequestInput>;
