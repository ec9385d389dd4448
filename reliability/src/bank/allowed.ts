import type { Call } from '../model/calls';

/** Refusals each command may legitimately meet under contention in the bank test. */
export const ALLOWED: Record<Call['kind'], readonly string[]> = {
  consume: ['insufficient_credits'],
  refund: ['conflict', 'validation'],
  revoke: ['insufficient_credits'],
  assign: ['insufficient_pool', 'allocation_below_usage'],
  submit: [],
  approve: ['insufficient_pool', 'request_not_pending'],
  reject: ['request_not_pending'],
  cancel: ['request_not_pending'],
  setRole: [],
  remove: [],
  enroll: [],
};
