import type { ResultAsync } from 'neverthrow';
import type { z } from 'zod';
import { compareIds } from '../chain-checker';
import {
  type ConsumeManyResult,
  decideConsumeMany,
  type UsageEventOutcome,
  type UsageEventToDecide,
} from '../decide/batch';
import type { ConsumeResult } from '../decide/usage';
import { type AllotError, errors } from '../errors';
import type { IdempotencyRecord, MemberRecord } from '../port';
import type { Actor } from '../schemas/actor';
import { consumeManyInput } from '../schemas/commands';
import type { AllotImplementation } from './allot';
import { principalFor } from './principal';
import {
  answer,
  commandFingerprint,
  contextFor,
  currentOrganization,
  lockMember,
  parseCall,
  type Runtime,
  resolveOutcome,
  unwrap,
} from './runtime';

type Input = z.output<typeof consumeManyInput>;

/**
 * `consumeMany`: a batch of usage events of one organization in one store transaction. It
 * authorizes once (as `consume`: an admin or the system actor); locks every event's idempotency
 * key, sorted (`compareIds`); reads the organization (rolling its period over when due, without
 * locking the pool row, as `consume`); then locks the distinct members the new events name,
 * sorted. Each event is its own `consume`: a key already used replays its first result (or is
 * that event's `idempotency_conflict`), the others are decided in order by `decideConsumeMany`,
 * and each success writes its own idempotency record, with the fingerprint `consume` gives it.
 * Refusals are remembered nowhere, as for `consume`: a replayed batch decides them afresh.
 */
export function createConsumeMany(rt: Runtime): AllotImplementation<'consumeMany'> {
  return {
    consumeMany: (call) =>
      parseCall(consumeManyInput, call).asyncAndThen(({ actor, input }) => runConsumeMany(rt, actor, input)),
  };
}

function runConsumeMany(rt: Runtime, actor: Actor, input: Input): ResultAsync<ConsumeManyResult, AllotError> {
  const { orgId } = input;
  const events: UsageEventToDecide[] = input.events;
  const once = () =>
    rt.store.transaction(async (tx) => {
      await principalFor(tx, actor, orgId, 'admin');
      const ctx = contextFor(rt, actor);
      const prints = events.map((event) => commandFingerprint('consume', ctx.actor, { ...event, orgId }));
      const keys = events.map((event) => event.idempotencyKey).sort(compareIds);
      const records = keys.length > 0 ? await tx.lockIdempotencyKeys({ orgId, keys }) : [];
      const seen = new Map<string, IdempotencyRecord | null>(keys.map((key, i) => [key, records[i] ?? null]));
      const org = await currentOrganization(tx, orgId, ctx, false);

      const fresh = events.flatMap((event, index) => (seen.get(event.idempotencyKey) ? [] : [index]));
      const members = new Map<string, MemberRecord | null>();
      const userIds = [...new Set(fresh.map((index) => (events[index] as UsageEventToDecide).userId))];
      for (const userId of userIds.sort(compareIds))
        members.set(userId, await lockMember(tx, org, userId, ctx));
      const decision = unwrap(
        decideConsumeMany(
          org,
          members,
          fresh.map((index) => events[index] as UsageEventToDecide),
          ctx,
        ),
      );

      const decided = new Map(fresh.map((index, j) => [index, decision.result[j] as UsageEventOutcome]));
      const results: UsageEventOutcome[] = events.map((event, index) => {
        const { idempotencyKey } = event;
        const record = seen.get(idempotencyKey);
        if (!record) return decided.get(index) as UsageEventOutcome;
        if (record.fingerprint !== prints[index]) {
          return { ok: false, idempotencyKey, error: errors.idempotencyConflict(idempotencyKey) };
        }
        return { ok: true, idempotencyKey, ...(record.result as ConsumeResult) };
      });
      const idempotency: IdempotencyRecord[] = fresh.flatMap((index) => {
        const outcome = decided.get(index);
        if (!outcome?.ok) return [];
        const result: ConsumeResult = { usage: outcome.usage, member: outcome.member };
        const key = outcome.idempotencyKey;
        return [{ orgId, key, fingerprint: prints[index] as string, result, createdAt: ctx.now }];
      });
      const wrote = Object.keys(decision.changes).length > 0;
      // Entries are written exactly when some event succeeded, and with them its key's record.
      if (wrote) await tx.write({ ...decision.changes, idempotency });
      return { result: { results }, changed: wrote ? org.id : null };
    });
  // Every event is keyed: after a lost commit, running the batch again replays what committed.
  return answer(rt, events.length === 0 ? once() : resolveOutcome(once));
}
