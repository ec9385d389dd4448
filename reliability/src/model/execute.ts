import { type Actor, type Allot, type AllotError, actors } from '@allot/core';
import type { ResultAsync } from 'neverthrow';
import { type Outcome, settle } from '../support/results';
import type { Call } from './calls';

/** The real side of a model run: an Allot over the store under test and one organization. */
export interface Real {
  allot: Allot;
  orgId: string;
  domain: string;
}

const system: Actor = actors.system();

function send(real: Real, call: Call): ResultAsync<unknown, AllotError> {
  const { allot, orgId } = real;
  const k = 'key' in call && call.key !== undefined ? { idempotencyKey: call.key } : {};
  switch (call.kind) {
    case 'assign':
      return allot.assign({ actor: system, orgId, userId: call.userId, total: call.total, ...k });
    case 'revoke':
      return allot.revoke({ actor: system, orgId, userId: call.userId, amount: call.amount, ...k });
    case 'consume':
      return allot.consume({
        actor: system,
        orgId,
        userId: call.userId,
        amount: call.amount,
        idempotencyKey: call.key,
        description: 'model run',
      });
    case 'refund':
      return allot.refund({
        actor: system,
        orgId,
        usageId: call.usageId,
        idempotencyKey: call.key,
        ...(call.amount === undefined ? {} : { amount: call.amount }),
      });
    case 'submit':
      return allot.submitRequest({
        actor: actors.user(orgId, call.userId),
        orgId,
        amount: call.amount,
        ...k,
      });
    case 'approve':
      return allot.approveRequest({
        actor: system,
        orgId,
        requestId: call.requestId,
        ...(call.amount === undefined ? {} : { amount: call.amount }),
        ...k,
      });
    case 'reject':
      return allot.rejectRequest({ actor: system, orgId, requestId: call.requestId, ...k });
    case 'cancel':
      return allot.cancelRequest({
        actor: actors.user(orgId, call.requester),
        orgId,
        requestId: call.requestId,
        ...k,
      });
    case 'setRole':
      return allot.setRole({ actor: system, orgId, userId: call.userId, role: call.role, ...k });
    case 'remove':
      return allot.removeMember({ actor: system, orgId, userId: call.userId, ...k });
    case 'enroll':
      return allot.enroll({
        actor: system,
        userId: call.userId,
        email: `${call.userId}@${real.domain}`,
        name: `Member ${call.userId}`,
      });
    case 'reserve':
      return allot.reserve({
        actor: system,
        orgId,
        userId: call.userId,
        amount: call.amount,
        ttlSeconds: call.ttlSeconds,
        idempotencyKey: call.key,
        description: 'model run',
      });
    case 'capture':
      return allot.capture({
        actor: system,
        orgId,
        holdId: call.holdId,
        idempotencyKey: call.key,
        ...(call.amount === undefined ? {} : { amount: call.amount }),
      });
    case 'release':
      return allot.release({ actor: system, orgId, holdId: call.holdId, ...k });
    case 'topUp':
      return allot.topUp({ actor: system, orgId, amount: call.amount, ...k });
    case 'read':
      return read(real, call);
  }
}

function read(real: Real, call: Extract<Call, { kind: 'read' }>): ResultAsync<unknown, AllotError> {
  const { allot, orgId } = real;
  const who = call.userId === undefined ? {} : { userId: call.userId };
  switch (call.read) {
    case 'overview':
      return allot.overview({ actor: system, orgId });
    case 'members':
      return allot.members({ actor: system, orgId, includeRemoved: true, limit: 500 });
    case 'balance':
      return allot.balance({ actor: system, orgId, ...who });
    case 'holds':
      return allot.holds({
        actor: system,
        orgId,
        status: call.onlyActive ? 'active' : 'all',
        limit: 500,
        ...who,
      });
  }
}

/** Sends a call to the real Allot and returns its outcome (never throws for an Allot error). */
export function execute(real: Real, call: Call): Promise<Outcome<unknown>> {
  return settle(send(real, call));
}
