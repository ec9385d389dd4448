/**
 * The body the bare handlers answer: an overview as `GET /overview` answers it for the seeded
 * organization (same keys, about the same 400 bytes), serialized on every request as a real
 * handler would.
 */
export const FIXED_BODY = {
  orgId: 'http',
  name: 'Bench http',
  period: { start: '2026-12-01T00:00:00.000Z', end: '2027-01-01T00:00:00.000Z' },
  monthlyPool: 9007199254740991,
  topUps: 0,
  pool: 9007199254740991,
  allocated: 1000000000,
  unallocated: 9007198254740991,
  used: 0,
  held: 0,
  remaining: 9007199254740991,
  usagePercent: 0,
  health: 'green',
  thresholds: { yellow: 70, red: 90 },
  alerts: [],
  memberCount: 2,
  pendingRequests: 0,
} as const;
