import type { Result } from 'neverthrow';
import type { AllotError } from '../errors';
import type { MemberRecord, OrganizationRecord, RequestRecord } from '../port';
import type { JournalEntry } from '../schemas/records';
import { type DecisionContext, newMemberRecord } from './context';

/** The fixed instant every decision test runs at (inside the period 2026-11-01 – 2026-12-01). */
export const NOW = '2026-11-25T10:00:00.000Z';
export const ORG_ID = 'org-1';

/**
 * A fixed decision context: `now` is {@link NOW} unless given, ids count up (`id-1`, `id-2`, …),
 * the actor is `user:ada`.
 *
 * @example
 * const ctx = fixedContext();
 * ctx.newId(); // 'id-1'
 */
export function fixedContext(overrides: Partial<DecisionContext> = {}): DecisionContext {
  let counter = 0;
  return {
    now: NOW,
    newId: () => `id-${++counter}`,
    actor: 'user:ada',
    ...overrides,
  };
}

/** An organization with a 10 000 credit pool, period 2026-11-01 – 2026-12-01, nothing allocated. */
export function org(overrides: Partial<OrganizationRecord> = {}): OrganizationRecord {
  return {
    id: ORG_ID,
    name: 'Acme',
    domains: ['acme.com'],
    monthlyPool: 10_000,
    periodAnchorDay: 1,
    thresholds: { yellow: 70, red: 90 },
    rolloverPolicy: 'carry',
    defaultAllocation: 0,
    memberAlerts: { remainingBelow: null, remainingBelowPercent: 10 },
    allocated: 0,
    topUps: 0,
    alerts: {},
    periodStart: '2026-11-01T00:00:00.000Z',
    periodEnd: '2026-12-01T00:00:00.000Z',
    seq: 1,
    lastHash: '',
    createdAt: '2026-11-01T00:00:00.000Z',
    updatedAt: '2026-11-01T00:00:00.000Z',
    ...overrides,
  };
}

/** An active `member` called Bob with nothing allocated, at chain position 3. */
export function member(overrides: Partial<MemberRecord> = {}): MemberRecord {
  const joined = newMemberRecord(
    { orgId: ORG_ID, userId: 'bob', email: 'bob@acme.com', name: 'Bob', role: 'member' },
    { now: '2026-11-02T00:00:00.000Z' },
  );
  return { ...joined, seq: 3, lastHash: 'bob-hash-3', ...overrides };
}

/** An active admin called Ada. */
export function admin(overrides: Partial<MemberRecord> = {}): MemberRecord {
  return member({ userId: 'ada', email: 'ada@acme.com', name: 'Ada', role: 'admin', ...overrides });
}

/** A pending request by Bob for 500 credits. */
export function request(overrides: Partial<RequestRecord> = {}): RequestRecord {
  return {
    id: 'req-1',
    orgId: ORG_ID,
    userId: 'bob',
    userEmail: 'bob@acme.com',
    userName: 'Bob',
    amount: 500,
    message: 'Need more',
    status: 'pending',
    createdAt: '2026-11-20T00:00:00.000Z',
    decidedAt: null,
    decidedBy: null,
    grantedAmount: null,
    reason: null,
    ...overrides,
  };
}

/** A usage entry of 300 credits by Bob during the current period. */
export function usageEntry(overrides: Partial<JournalEntry> = {}): JournalEntry {
  return {
    id: 'usage-1',
    orgId: ORG_ID,
    seq: 4,
    at: '2026-11-20T12:00:00.000Z',
    userId: 'bob',
    type: 'usage',
    amount: -300,
    balanceAfter: 700,
    description: 'Video render',
    actor: 'system',
    requestId: null,
    usageId: null,
    holdId: null,
    idempotencyKey: 'job-1',
    metadata: null,
    hash: 'test-hash',
    ...overrides,
  };
}

/**
 * The value of an `Ok`; fails the test (by throwing) with the error when it is an `Err`.
 *
 * @example
 * const { changes } = okValue(decideAssign(org(), member(), 'bob', 100, fixedContext()));
 */
export function okValue<T>(result: Result<T, AllotError>): T {
  if (result.isErr()) throw new Error(`expected Ok, got ${JSON.stringify(result.error)}`);
  return result.value;
}

/**
 * The error of an `Err`; fails the test (by throwing) when it is an `Ok`.
 *
 * @example
 * expect(errValue(decideAssign(org(), null, 'bob', 100, fixedContext())).code).toBe('not_found');
 */
export function errValue<T>(result: Result<T, AllotError>): AllotError {
  if (result.isOk()) throw new Error(`expected Err, got ${JSON.stringify(result.value)}`);
  return result.error;
}
