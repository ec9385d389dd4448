import type { Harness, Verb } from './harness';

/** A valid request for one route, as an acme caller would send it. */
export interface Sample {
  method: Verb;
  /** The route's path template, as in the route table. */
  template: string;
  /** The concrete path (ids filled in from the seeded harness). */
  path(h: Harness): string;
  body?: (h: Harness) => object;
  /** Needs an `Idempotency-Key`. */
  key?: boolean;
  /** Admins only (a member gets 403). */
  admin: boolean;
}

/** One valid request per route of DESIGN.md (plus the opt-in usage and hold routes). */
export const samples: Sample[] = [
  { method: 'get', template: '/overview', path: () => '/overview', admin: true },
  { method: 'get', template: '/members', path: () => '/members?search=b&limit=5&offset=0', admin: true },
  {
    method: 'put',
    template: '/members/:userId/allocation',
    path: () => '/members/cy/allocation',
    body: () => ({ total: 2500 }),
    admin: true,
  },
  {
    method: 'post',
    template: '/members/:userId/revocations',
    path: () => '/members/cy/revocations',
    body: () => ({ amount: 100 }),
    admin: true,
  },
  {
    method: 'patch',
    template: '/members/:userId',
    path: () => '/members/cy',
    body: () => ({ role: 'admin' }),
    admin: true,
  },
  { method: 'delete', template: '/members/:userId', path: () => '/members/cy', admin: true },
  { method: 'get', template: '/settings', path: () => '/settings', admin: true },
  {
    method: 'patch',
    template: '/settings',
    path: () => '/settings',
    body: () => ({ monthlyPool: 12_000 }),
    admin: true,
  },
  { method: 'get', template: '/requests', path: () => '/requests?status=pending', admin: false },
  {
    method: 'post',
    template: '/requests',
    path: () => '/requests',
    body: () => ({ amount: 50, message: 'More' }),
    admin: false,
  },
  {
    method: 'post',
    template: '/requests/:id/approve',
    path: (h) => `/requests/${h.requestId}/approve`,
    body: () => ({ amount: 400 }),
    admin: true,
  },
  {
    method: 'post',
    template: '/requests/:id/reject',
    path: (h) => `/requests/${h.requestId}/reject`,
    body: () => ({ reason: 'Not now' }),
    admin: true,
  },
  {
    method: 'post',
    template: '/requests/:id/cancel',
    path: (h) => `/requests/${h.requestId}/cancel`,
    admin: false,
  },
  { method: 'get', template: '/ledger', path: () => '/ledger?type=usage,allocation&limit=10', admin: false },
  { method: 'get', template: '/ledger/summary', path: () => '/ledger/summary?from=2026-11-01', admin: false },
  { method: 'get', template: '/ledger.csv', path: () => '/ledger.csv?type=usage', admin: false },
  {
    method: 'post',
    template: '/top-ups',
    path: () => '/top-ups',
    body: () => ({ amount: 500, reason: 'Busy week' }),
    admin: true,
  },
  { method: 'get', template: '/holds', path: () => '/holds?status=all&limit=5', admin: false },
  { method: 'get', template: '/me', path: () => '/me', admin: false },
  { method: 'get', template: '/me/ledger', path: () => '/me/ledger?limit=5', admin: false },
  { method: 'get', template: '/me/requests', path: () => '/me/requests?status=all&limit=5', admin: false },
  { method: 'get', template: '/me/holds', path: () => '/me/holds?status=active', admin: false },
  {
    method: 'post',
    template: '/usage',
    path: () => '/usage',
    body: () => ({ userId: 'bob', amount: 10, description: 'Job' }),
    key: true,
    admin: true,
  },
  {
    method: 'post',
    template: '/usage/batch',
    path: () => '/usage/batch',
    body: () => ({
      events: [
        { userId: 'bob', amount: 10, idempotencyKey: `batch-${++counter}`, description: 'Job' },
        { userId: 'cy', amount: 5, idempotencyKey: `batch-${++counter}` },
      ],
    }),
    admin: true,
  },
  {
    method: 'post',
    template: '/refunds',
    path: () => '/refunds',
    body: (h) => ({ usageId: h.usageId, amount: 10 }),
    key: true,
    admin: true,
  },
  {
    method: 'post',
    template: '/holds',
    path: () => '/holds',
    body: () => ({ userId: 'bob', amount: 10, ttlSeconds: 60, description: 'Job' }),
    key: true,
    admin: true,
  },
  {
    method: 'post',
    template: '/holds/:holdId/capture',
    path: (h) => `/holds/${h.holdId}/capture`,
    body: () => ({ amount: 100 }),
    key: true,
    admin: true,
  },
  {
    method: 'post',
    template: '/holds/:holdId/release',
    path: (h) => `/holds/${h.holdId}/release`,
    admin: true,
  },
];

let counter = 0;

/** Sends a sample as `person` (unauthenticated when omitted). */
export function send(h: Harness, sample: Sample, person?: Parameters<Harness['as']>[0]) {
  const test = h.as(person)[sample.method](sample.path(h));
  if (sample.key) test.set('Idempotency-Key', `sample-${++counter}`);
  return sample.body ? test.send(sample.body(h)) : test;
}
