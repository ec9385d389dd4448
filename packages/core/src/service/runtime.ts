import { err, ok, type Result, ResultAsync } from 'neverthrow';
import { ZodObject, type z } from 'zod';
import { isCommitOutcomeUnknown } from '../commit-outcome';
import { authorize, type Principal, type Requirement } from '../decide/authorize';
import { completeChanges } from '../decide/complete';
import type { DecisionContext } from '../decide/context';
import type { DecisionResult } from '../decide/decision';
import { expireDueHolds } from '../decide/holds';
import { decideRollover } from '../decide/rollover';
import { AbortTransaction, type AllotError, errors, type FieldIssue, isAllotError } from '../errors';
import { fingerprint } from '../fingerprint';
import type { IdGenerator } from '../ids';
import { forbiddenKeyIssues, parseInput } from '../parse-input';
import { isPeriodOver } from '../period';
import {
  type AllotStore,
  isStoreConflict,
  type MemberRecord,
  type OrganizationRecord,
  type StoreTransaction,
} from '../port';
import { type Actor, actorLabel, actorSchema, type UserActor } from '../schemas/actor';
import { principalFor } from './principal';

/** The clock, id source and store every call runs on. */
export interface Runtime {
  store: AllotStore;
  now: () => Date;
  newId: IdGenerator;
  /** The period end last seen per organization, so reads can skip re-reading a current one. */
  periodEnds: Map<string, string>;
  /** Called after a transaction that changed `orgId` committed (pool alerts, event delivery). */
  afterCommit: (orgId: string) => void;
  /** The journal's HMAC key (`createAllot({ journalKey })`) as bytes; omitted: plain SHA-256. */
  journalKey?: Uint8Array | undefined;
}

/**
 * Idempotency keys of calls that belong to no organization yet (creating one) live here.
 *
 * @example
 * ```ts
 * // createOrganization's idempotency key is stored as if it belonged to the organization `*`:
 * await store.getOrganization({ orgId: GLOBAL_SCOPE }); // null: no organization has this id
 * ```
 */
export const GLOBAL_SCOPE = '*';

/**
 * Every public call takes its input plus the calling actor. A person's actor names their
 * organization, so their calls may leave `orgId` out; the system actor's calls name it.
 *
 * @example
 * ```ts
 * const metered: WithActor<ConsumeInput> = {
 *   actor: actors.system(), orgId: 'acme', userId: 'bob', amount: 5, idempotencyKey: 'job-1',
 * };
 * const own: WithActor<BalanceInput> = { actor: actors.user('acme', 'bob') };
 * ```
 */
export type WithActor<T> = T extends { orgId: string }
  ? Omit<T, 'orgId'> & ({ actor: Actor; orgId: string } | { actor: UserActor; orgId?: string })
  : T & { actor: Actor };

/** A person's call that leaves `orgId` out acts in the actor's organization. */
function withActorOrg(schema: z.ZodType, rawActor: unknown, input: Record<string, unknown>) {
  const takesOrgId = schema instanceof ZodObject && 'orgId' in schema.shape;
  const actor = rawActor as Partial<UserActor> | undefined;
  if (!takesOrgId || input.orgId !== undefined || actor?.type !== 'user') return input;
  return { ...input, orgId: actor.orgId };
}

/**
 * Validates an actor plus a call's input, strictly (see {@link parseInput}): an unknown key, in
 * the input or the actor, and a `__proto__`, `constructor` or `prototype` key anywhere are
 * `validation` issues naming their path. Never throws.
 */
export function parseCall<S extends z.ZodType>(
  schema: S,
  raw: unknown,
): Result<{ actor: Actor; input: z.output<S> }, AllotError> {
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw)) {
    return err(
      errors.validation('Expected an object with the call input.', [
        { path: '(input)', message: 'expected an object', code: 'invalid_type' },
      ]),
    );
  }
  const forbidden = forbiddenKeyIssues(raw);
  if (forbidden.length > 0) return err(invalid(forbidden));
  const { actor: rawActor, ...rest } = raw as { actor?: unknown };
  const actor = parseInput(actorSchema, rawActor);
  const input = parseInput(schema, withActorOrg(schema, rawActor, rest));
  if (actor.success && input.success) return ok({ actor: actor.data, input: input.data });
  const actorIssues = actor.success
    ? []
    : actor.issues.map((i) => ({ ...i, path: `actor.${i.path}`.replace(/\.\(input\)$/, '') }));
  return err(invalid([...actorIssues, ...(input.success ? [] : input.issues)]));
}

function invalid(issues: FieldIssue[]): AllotError {
  return errors.validation(
    `Invalid input — ${issues.map((i) => `${i.path}: ${i.message}`).join('; ')}`,
    issues,
  );
}

/** Rolls the transaction back with a domain error. */
export function abort(error: AllotError): never {
  throw new AbortTransaction(error);
}

/** Unwraps a decision inside a transaction, aborting on error. */
export function unwrap<T>(result: Result<T, AllotError>): T {
  return result.match(
    (value) => value,
    (error) => abort(error),
  );
}

export function toAllotError(cause: unknown): AllotError {
  if (cause instanceof AbortTransaction) return cause.error;
  if (isAllotError(cause)) return cause;
  if (isStoreConflict(cause)) return errors.conflict(cause.message);
  if (isCommitOutcomeUnknown(cause)) return errors.outcomeUnknown(cause.cause ?? cause);
  return errors.storeUnavailable(cause);
}

/**
 * Runs an async read; store failures come back as `Err`. A read writes only what any later call
 * redoes (a rollover, expired holds), so a commit lost on the way is `store_unavailable`: retry it.
 */
export function attempt<T>(fn: () => Promise<T>): ResultAsync<T, AllotError> {
  return ResultAsync.fromPromise(Promise.resolve().then(fn), (cause) => {
    const error = toAllotError(cause);
    return error.code === 'outcome_unknown' ? errors.storeUnavailable(error.cause) : error;
  });
}

export function contextFor(rt: Runtime, actor: Actor, idempotencyKey?: string): DecisionContext {
  return {
    now: rt.now().toISOString(),
    newId: rt.newId,
    actor: actorLabel(actor),
    idempotencyKey,
    journalKey: rt.journalKey,
  };
}

/**
 * What a command's decide step hands the runner: its complete decision (see `completeDecision`)
 * and the organization it acts in, whose subscribers hear of the commit.
 */
export interface Decided<R> {
  org: OrganizationRecord | null;
  decision: DecisionResult<R>;
}

export interface CommandSpec {
  /** The organization the command changes, or null when it belongs to none yet. */
  orgId: string | null;
  actor: Actor;
  /** Who may run it; checked first, before an idempotency key can replay anything. */
  requirement: Requirement;
  /** The command's name and validated input, for the idempotency fingerprint. */
  name: string;
  input: { idempotencyKey?: string | undefined };
}

/** Prefix of the internal keys that record unkeyed commands on stores with uncertain commits. */
const OUTCOME_KEY_PREFIX = 'allot:outcome:';

/**
 * Runs one command: in a single transaction it authorizes the actor, checks the idempotency key (replaying the first
 * result, or refusing another payload), runs `decide`, and writes the changes together with the
 * key's record. A rejected command writes nothing; only successes are remembered under a key,
 * so retrying a refused command with the same key runs it afresh.
 *
 * On a store with {@link AllotStore.uncertainCommits}, an unkeyed command is recorded under an
 * internal key, and a commit whose outcome was lost is resolved by running the command again
 * under the same key (see {@link resolveOutcome}).
 */
export function runCommand<R>(
  rt: Runtime,
  spec: CommandSpec,
  decide: (tx: StoreTransaction, ctx: DecisionContext, principal: Principal) => Promise<Decided<R>>,
): ResultAsync<R, AllotError> {
  const given = spec.input.idempotencyKey;
  const key = given ?? (rt.store.uncertainCommits ? `${OUTCOME_KEY_PREFIX}${rt.newId()}` : undefined);
  const scope = spec.orgId ?? GLOBAL_SCOPE;
  const once = () =>
    rt.store.transaction(async (tx): Promise<{ result: R; changed: string | null }> => {
      const principal =
        spec.orgId === null
          ? unwrap(authorize(spec.actor, null, null, spec.requirement))
          : await principalFor(tx, spec.actor, spec.orgId, spec.requirement);
      const ctx = contextFor(rt, spec.actor, given);
      const print = key ? commandFingerprint(spec.name, ctx.actor, spec.input) : '';
      if (key) {
        const seen = await tx.lockIdempotencyKey({ orgId: scope, key });
        if (seen) {
          if (seen.fingerprint !== print) abort(errors.idempotencyConflict(key));
          return { result: seen.result as R, changed: null };
        }
      }
      const { org, decision } = await decide(tx, ctx, principal);
      const { changes, result } = unwrap(decision);
      const wrote = Object.keys(changes).length > 0;
      const written = key
        ? { ...changes, idempotency: { orgId: scope, key, fingerprint: print, result, createdAt: ctx.now } }
        : changes;
      if (Object.keys(written).length > 0) await tx.write(written);
      return { result, changed: wrote ? (org?.id ?? spec.orgId) : null };
    });
  return answer(rt, key === undefined ? once() : resolveOutcome(once));
}

/**
 * A command's answer once its transaction settled: the result, after telling the organization it
 * changed (pool alerts, event delivery); a failure as its `AllotError`.
 */
export function answer<R>(
  rt: Runtime,
  committed: Promise<{ result: R; changed: string | null }>,
): ResultAsync<R, AllotError> {
  return ResultAsync.fromPromise(
    committed.then(({ result, changed }) => {
      if (changed) rt.afterCommit(changed);
      return result;
    }),
    toAllotError,
  );
}

/**
 * The fingerprint an idempotency record keeps of a command: its name, the actor as journaled and
 * the validated input without the key. A `consumeMany` event is fingerprinted as the `consume` it
 * stands for, so the two share keys.
 */
export function commandFingerprint(
  name: string,
  actor: string,
  input: Readonly<Record<string, unknown>> & { idempotencyKey?: string | undefined },
): string {
  return fingerprint({ command: name, actor, input: { ...input, idempotencyKey: undefined } });
}

/** Attempts after a lost commit, and the wait before the first (doubling: 3.1 s in all). */
const OUTCOME_RETRIES = { attempts: 5, firstDelayMs: 100 };

/**
 * Runs a keyed transaction and, when its commit's outcome was lost, runs it again under the same
 * key until the store answers: the idempotency record's lock makes the new attempt wait for the
 * lost one to end on the server, then it replays that result (it committed) or runs the command
 * once (it did not). Only when every attempt fails and one was uncertain is the answer
 * `outcome_unknown`; a failure known to have written nothing stays `store_unavailable`.
 */
export async function resolveOutcome<T>(once: () => Promise<T>): Promise<T> {
  const retries = OUTCOME_RETRIES;
  let uncertain: unknown;
  for (let attempt = 0; ; attempt++) {
    try {
      return await once();
    } catch (error) {
      if (isCommitOutcomeUnknown(error)) uncertain = error;
      else if (uncertain === undefined || isAnswer(error)) throw error;
      if (attempt >= retries.attempts) throw uncertain;
      await new Promise((resolve) => setTimeout(resolve, retries.firstDelayMs * 2 ** attempt));
    }
  }
}

/** An error that is the command's real answer (a rule it broke), not a store failure. */
function isAnswer(error: unknown): boolean {
  return error instanceof AbortTransaction || isAllotError(error) || isStoreConflict(error);
}

/**
 * Loads the organization for a command, first rolling its billing period over (in this same
 * transaction) when `ctx.now` is past the period's end. Locks the pool row when `lock` is set or
 * when a rollover is needed.
 */
export async function currentOrganization(
  tx: StoreTransaction,
  orgId: string,
  ctx: DecisionContext,
  lock: boolean,
): Promise<OrganizationRecord> {
  const seen = lock ? await tx.lockOrganization({ orgId }) : await tx.getOrganization({ orgId });
  if (!seen) abort(errors.notFound('organization', orgId));
  if (!isPeriodOver({ end: seen.periodEnd }, ctx.now)) return seen;
  const org = lock ? seen : await tx.lockOrganization({ orgId });
  if (!org) abort(errors.notFound('organization', orgId));
  const members = await tx.lockAllMembers({ orgId });
  const rolled = decideRollover(org, members, await tx.listActiveHolds({ orgId }), ctx);
  if (!rolled) return org;
  await tx.write(completeChanges(rolled.changes, rolled.organization, ctx));
  return rolled.organization;
}

/**
 * Locks a member for a command, first expiring its holds whose time is up (in this same
 * transaction), so every check sees what is really held. Call after {@link currentOrganization}.
 */
export async function lockMember(
  tx: StoreTransaction,
  org: OrganizationRecord,
  userId: string,
  ctx: DecisionContext,
): Promise<MemberRecord | null> {
  const orgId = org.id;
  const member = await tx.lockMember({ orgId, userId });
  if (!member || member.holdsExpireAt === null || member.holdsExpireAt > ctx.now) return member;
  const expired = expireDueHolds(member, await tx.listActiveHolds({ orgId, userId }), ctx);
  if (!expired) return member;
  await tx.write(completeChanges(expired.changes, org, ctx));
  return expired.member;
}

/** For reads: expires the organization's holds whose time is up, one member at a time. */
export async function expireDueHoldsOf(rt: Runtime, orgId: string, userId?: string): Promise<void> {
  const now = rt.now().toISOString();
  const active = await rt.store.listActiveHolds({ orgId, ...(userId ? { userId } : {}) });
  const due = new Set(active.filter((h) => h.expiresAt <= now).map((h) => h.userId));
  for (const member of due) {
    await rt.store.transaction(async (tx) => {
      const ctx = contextFor(rt, { type: 'system' });
      await lockMember(tx, await currentOrganization(tx, orgId, ctx, false), member, ctx);
    });
  }
  if (due.size > 0) rt.afterCommit(orgId);
}

/** For reads: rolls the period over first if it ended, so every figure is this period's. */
export async function ensureCurrentPeriod(rt: Runtime, orgId: string): Promise<OrganizationRecord | null> {
  const seen = await rt.store.getOrganization({ orgId });
  const org =
    !seen || !isPeriodOver({ end: seen.periodEnd }, rt.now().toISOString())
      ? seen
      : await rt.store
          .transaction((tx) => currentOrganization(tx, orgId, contextFor(rt, { type: 'system' }), true))
          .then((rolled) => {
            rt.afterCommit(orgId);
            return rolled;
          });
  if (org) rt.periodEnds.set(orgId, org.periodEnd);
  return org;
}

/**
 * For reads that need no organization figures: true once the organization exists and its period
 * is current. Skips the read while `now` is before a period end seen earlier — a period end only
 * ever moves forward (a rollover moves it later; an anchor-day change applies at the next one).
 */
export async function isPeriodCurrent(rt: Runtime, orgId: string): Promise<boolean> {
  const known = rt.periodEnds.get(orgId);
  if (known !== undefined && !isPeriodOver({ end: known }, rt.now().toISOString())) return true;
  return (await ensureCurrentPeriod(rt, orgId)) !== null;
}
