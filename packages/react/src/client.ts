import type {
  AllocationResult,
  ApprovalResult,
  Balance,
  CaptureResult,
  CreditRequest,
  HoldResult,
  HoldsPage,
  LedgerPage,
  Member,
  MembersPage,
  Organization,
  Overview,
  RequestsPage,
  Summary,
  TopUpResult,
} from '@allot/core';
import { filenameFrom } from './content-disposition';
import type {
  ApproveRequestParams,
  AssignParams,
  CancelRequestParams,
  CaptureParams,
  HoldsParams,
  LedgerFilterParams,
  LedgerParams,
  MembersParams,
  MyHoldsParams,
  MyLedgerParams,
  MyRequestsParams,
  RejectRequestParams,
  ReleaseParams,
  RemoveMemberParams,
  RequestsParams,
  ReserveParams,
  RevokeParams,
  SetRoleParams,
  SubmitRequestParams,
  TopUpParams,
  UpdateSettingsParams,
} from './params';
import { type AllotClientOptions, type Call, createTransport, type QueryValue } from './transport';

/**
 * Per-call options every client method accepts.
 *
 * @example
 * ```ts
 * const controller = new AbortController();
 * const overview = client.overview({ signal: controller.signal });
 * controller.abort(); // the promise rejects with an AbortError
 * ```
 */
export interface CallOptions {
  /** Cancels the request (TanStack Query passes one to query functions). */
  signal?: AbortSignal;
}

/**
 * A downloaded CSV export: the file's bytes and the name the server gave it.
 *
 * @example
 * ```ts
 * const { blob, filename } = await client.exportLedgerCsv({ type: ['usage'] });
 * ```
 */
export interface CsvFile {
  blob: Blob;
  filename: string;
}

const seg = encodeURIComponent;

function ledgerQuery(filter: LedgerFilterParams & { cursor?: string | undefined; limit?: number }) {
  return {
    userId: filter.userId,
    type: filter.type,
    from: filter.from,
    to: filter.to,
    cursor: filter.cursor,
    limit: filter.limit,
  } satisfies Record<string, QueryValue>;
}

/**
 * Creates a typed client for the Allot REST API (`createAllotRouter` from `@allot/express`): one
 * method per route, results typed with `@allot/core`'s types. Any answer outside 2xx rejects
 * with an {@link AllotHttpError} carrying the server's problem details.
 *
 * @example
 * ```ts
 * const client = createAllotClient({ baseUrl: '/api/allot' });
 * const overview = await client.overview();
 * await client.assign({ userId: 'bob', total: 500 });
 * ```
 */
export function createAllotClient(options: AllotClientOptions) {
  const t = createTransport(options);
  const json = <T>(call: Call) => t.json<T>(call);

  return {
    /** `GET /overview`: pool figures, member count, pending requests, health, period (admin). */
    overview: (o: CallOptions = {}) => json<Overview>({ method: 'GET', path: '/overview', signal: o.signal }),

    /** `GET /members`: the members with this period's allocation and usage (admin). */
    members: (params: MembersParams = {}, o: CallOptions = {}) =>
      json<MembersPage>({ method: 'GET', path: '/members', query: { ...params }, signal: o.signal }),

    /** `PUT /members/:userId/allocation`: sets the member's total allocation (admin). */
    assign: ({ userId, total, idempotencyKey }: AssignParams) =>
      json<AllocationResult>({
        method: 'PUT',
        path: `/members/${seg(userId)}/allocation`,
        body: { total },
        idempotencyKey,
      }),

    /** `POST /members/:userId/revocations`: returns some of the member's credits to the pool (admin). */
    revoke: ({ userId, amount, idempotencyKey }: RevokeParams) =>
      json<AllocationResult>({
        method: 'POST',
        path: `/members/${seg(userId)}/revocations`,
        body: { amount },
        idempotencyKey,
      }),

    /** `PATCH /members/:userId`: changes a member's role (admin). */
    setRole: ({ userId, role, idempotencyKey }: SetRoleParams) =>
      json<{ member: Member }>({
        method: 'PATCH',
        path: `/members/${seg(userId)}`,
        body: { role },
        idempotencyKey,
      }),

    /** `DELETE /members/:userId`: removes a member; their remaining credits return to the pool (admin). */
    removeMember: ({ userId, idempotencyKey }: RemoveMemberParams) =>
      json<{ member: Member }>({ method: 'DELETE', path: `/members/${seg(userId)}`, idempotencyKey }),

    /** `GET /settings`: the organization's settings (admin). */
    settings: (o: CallOptions = {}) =>
      json<Organization>({ method: 'GET', path: '/settings', signal: o.signal }),

    /** `PATCH /settings`: changes the pool, domains, thresholds, … (admin). */
    updateSettings: ({ idempotencyKey, ...patch }: UpdateSettingsParams) =>
      json<Organization>({ method: 'PATCH', path: '/settings', body: patch, idempotencyKey }),

    /** `GET /requests`: credit requests, newest first (admins see all, members their own). */
    requests: (params: RequestsParams = {}, o: CallOptions = {}) =>
      json<RequestsPage>({ method: 'GET', path: '/requests', query: { ...params }, signal: o.signal }),

    /** `POST /requests`: the caller asks for more credits. */
    submitRequest: ({ idempotencyKey, ...body }: SubmitRequestParams) =>
      json<CreditRequest>({ method: 'POST', path: '/requests', body, idempotencyKey }),

    /** `POST /requests/:id/approve`: grants the request (or less) from the pool (admin). */
    approveRequest: ({ requestId, amount, idempotencyKey }: ApproveRequestParams) =>
      json<ApprovalResult>({
        method: 'POST',
        path: `/requests/${seg(requestId)}/approve`,
        body: amount === undefined ? {} : { amount },
        idempotencyKey,
      }),

    /** `POST /requests/:id/reject` (admin). */
    rejectRequest: ({ requestId, reason, idempotencyKey }: RejectRequestParams) =>
      json<CreditRequest>({
        method: 'POST',
        path: `/requests/${seg(requestId)}/reject`,
        body: reason === undefined ? {} : { reason },
        idempotencyKey,
      }),

    /** `POST /requests/:id/cancel`: the requester withdraws a pending request. */
    cancelRequest: ({ requestId, idempotencyKey }: CancelRequestParams) =>
      json<CreditRequest>({
        method: 'POST',
        path: `/requests/${seg(requestId)}/cancel`,
        body: {},
        idempotencyKey,
      }),

    /** `GET /ledger`: one page of journal entries, newest first (admins see all, members their own). */
    ledger: (params: LedgerParams = {}, o: CallOptions = {}) =>
      json<LedgerPage>({ method: 'GET', path: '/ledger', query: ledgerQuery(params), signal: o.signal }),

    /** `GET /ledger/summary`: usage, allocated, revoked and refunded totals over a filter. */
    summary: (filter: LedgerFilterParams = {}, o: CallOptions = {}) =>
      json<Summary>({ method: 'GET', path: '/ledger/summary', query: ledgerQuery(filter), signal: o.signal }),

    /** `GET /ledger.csv`: the filtered ledger as a CSV file, with the server's file name. */
    async exportLedgerCsv(filter: LedgerFilterParams = {}, o: CallOptions = {}): Promise<CsvFile> {
      const response = await t.send({
        method: 'GET',
        path: '/ledger.csv',
        query: ledgerQuery(filter),
        signal: o.signal,
      });
      const filename = filenameFrom(response.headers.get('content-disposition'), 'ledger.csv');
      return { blob: await response.blob(), filename };
    },

    /** `GET /holds`: holds, newest first, `active` ones by default (admins see all, members their own). */
    holds: ({ status, userId, cursor, limit }: HoldsParams = {}, o: CallOptions = {}) =>
      json<HoldsPage>({
        method: 'GET',
        path: '/holds',
        query: { status, userId, cursor, limit },
        signal: o.signal,
      }),

    /** `POST /holds`: reserves credits of a member until captured, released or expired (admin). */
    reserve: ({ idempotencyKey, ...body }: ReserveParams) =>
      json<HoldResult>({ method: 'POST', path: '/holds', body, idempotencyKey }),

    /** `POST /holds/:holdId/capture`: turns the hold, or part of it, into usage (admin). */
    capture: ({ holdId, idempotencyKey, ...body }: CaptureParams) =>
      json<CaptureResult>({
        method: 'POST',
        path: `/holds/${seg(holdId)}/capture`,
        body,
        idempotencyKey,
      }),

    /** `POST /holds/:holdId/release`: returns the held credits to the member (admin). */
    release: ({ holdId, idempotencyKey }: ReleaseParams) =>
      json<HoldResult>({
        method: 'POST',
        path: `/holds/${seg(holdId)}/release`,
        body: {},
        idempotencyKey,
      }),

    /** `POST /top-ups`: adds credits to this billing period's pool (admin). */
    topUp: ({ idempotencyKey, ...body }: TopUpParams) =>
      json<TopUpResult>({ method: 'POST', path: '/top-ups', body, idempotencyKey }),

    /** `GET /me`: the caller's own balance for this period. */
    balance: (o: CallOptions = {}) => json<Balance>({ method: 'GET', path: '/me', signal: o.signal }),

    /** `GET /me/ledger`: the caller's own journal entries, newest first. */
    myLedger: (params: MyLedgerParams = {}, o: CallOptions = {}) =>
      json<LedgerPage>({ method: 'GET', path: '/me/ledger', query: ledgerQuery(params), signal: o.signal }),

    /** `GET /me/requests`: the caller's own credit requests, newest first (an admin's too: only theirs). */
    myRequests: ({ status, cursor, limit }: MyRequestsParams = {}, o: CallOptions = {}) =>
      json<RequestsPage>({
        method: 'GET',
        path: '/me/requests',
        query: { status, cursor, limit },
        signal: o.signal,
      }),

    /** `GET /me/holds`: the caller's own holds, `active` ones by default (an admin's too: only theirs). */
    myHolds: ({ status, cursor, limit }: MyHoldsParams = {}, o: CallOptions = {}) =>
      json<HoldsPage>({
        method: 'GET',
        path: '/me/holds',
        query: { status, cursor, limit },
        signal: o.signal,
      }),
  };
}

/**
 * The client {@link createAllotClient} returns.
 *
 * @example
 * ```ts
 * function useMine(client: AllotClient) { return client.balance(); }
 * ```
 */
export type AllotClient = ReturnType<typeof createAllotClient>;
