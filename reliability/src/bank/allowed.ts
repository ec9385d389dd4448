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
  reserve: ['insufficient_credits'],
  // Another worker (or the other copy of a duplicate) captured or released it first, or it lapsed;
  // now and then a capture asks for more than the hold on purpose.
  capture: ['hold_not_active', 'validation'],
  release: ['hold_not_active'],
  topUp: [],
  read: [],
};
