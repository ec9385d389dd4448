/**
 * Helpers for an adapter's own storage-specific tests (locking, triggers, concurrency), beside
 * the conformance suite.
 */
import { randomUUID } from 'node:crypto';
import { type Actor, type Allot, type AllotStore, actors, createAllot } from '@allot/core';

/**
 * The value of an `Ok`; throws (failing the test) on an `Err`.
 *
 * @example
 * ```ts
 * const org = unwrap(await allot.createOrganization({ ... }));
 * ```
 */
export function unwrap<T>(result: { match<A>(onOk: (value: T) => A, onErr: (error: unknown) => A): A }): T {
  return result.match(
    (value) => value,
    (error) => {
      throw new Error(`Unexpected error: ${JSON.stringify(error)}`);
    },
  );
}

/**
 * An organization with one admin and `members` members, each assigned `allocation` credits (on
 * an Allot with `journalKey` when given).
 *
 * @example
 * ```ts
 * const { allot, orgId, system, userIds } = await fundedOrg(store, { members: 16, allocation: 10 });
 * ```
 */
export async function fundedOrg(
  store: AllotStore,
  options: { members: number; allocation: number; monthlyPool?: number; journalKey?: string },
): Promise<{ allot: Allot; orgId: string; admin: Actor; system: Actor; userIds: string[] }> {
  // Events on: the storage tests see every write a store makes, the outbox's included.
  const allot = createAllot({
    store,
    events: true,
    ...(options.journalKey ? { journalKey: options.journalKey } : {}),
  });
  const system = actors.system();
  const tag = randomUUID().slice(0, 8);
  const org = unwrap(
    await allot.createOrganization({
      actor: system,
      name: `Org ${tag}`,
      domains: [`t${tag}.com`],
      monthlyPool: options.monthlyPool ?? options.members * options.allocation,
      admins: [{ userId: `admin-${tag}`, email: `admin@t${tag}.com`, name: 'Admin' }],
    }),
  );
  const admin = actors.user(org.id, `admin-${tag}`);
  const userIds: string[] = [];
  for (let i = 0; i < options.members; i++) {
    const userId = `m${i}-${tag}`;
    unwrap(
      await allot.enroll({ actor: system, userId, email: `${userId}@t${tag}.com`, name: `Member ${i}` }),
    );
    unwrap(await allot.assign({ actor: admin, orgId: org.id, userId, total: options.allocation }));
    userIds.push(userId);
  }
  return { allot, orgId: org.id, admin, system, userIds };
}

/**
 * A promise with its resolve function, for holding a transaction open.
 *
 * @example
 * ```ts
 * const gate = deferred();
 * const holding = store.transaction(async (tx) => {
 *   await tx.lockMember({ orgId, userId: 'bob' });
 *   await gate.promise; // keeps Bob's row locked until gate.resolve()
 * });
 * ```
 */
export function deferred(): { promise: Promise<void>; resolve: () => void } {
  let resolve!: () => void;
  const promise = new Promise<void>((r) => {
    resolve = r;
  });
  return { promise, resolve };
}

/**
 * Whether `promise` settles within `ms`.
 *
 * @example
 * ```ts
 * const consume = allot.consume({ actor: system, orgId, userId: 'bob', amount: 1, idempotencyKey: 'k' });
 * expect(await settlesWithin(consume, 100)).toBe(false); // waits on the lock
 * gate.resolve();
 * ```
 */
export async function settlesWithin(promise: PromiseLike<unknown>, ms: number): Promise<boolean> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<false>((resolve) => {
    timer = setTimeout(() => resolve(false), ms);
  });
  const settled = Promise.resolve(promise).then(
    () => true,
    () => true,
  );
  const result = await Promise.race([settled, timeout]);
  clearTimeout(timer);
  return result;
}
