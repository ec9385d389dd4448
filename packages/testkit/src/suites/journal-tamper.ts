import {
  type AllotStore,
  actors,
  createAllot,
  createManualClock,
  type JournalEntry,
  type JournalVerification,
} from '@allot/core';
import {
  type ChainPosition,
  GENESIS_HASH,
  hashEntry,
  type ListJournalChainsArgs,
  type MemberRecord,
} from '@allot/core/port';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../harness/context';
import type { OrgFixture } from '../harness/org-fixture';
import { randomId, uniqueDomain } from '../harness/random';
import { fails, ok } from '../harness/results';

interface Tamper {
  /** Replaces (or with null drops) an entry as the store returns it. */
  entry?: (entry: JournalEntry) => JournalEntry | null;
  /** Replaces a member record as the store returns it. */
  member?: (member: MemberRecord) => MemberRecord;
}

const position = (e: JournalEntry): ChainPosition => ({ userId: e.userId, seq: e.seq, id: e.id });

/**
 * The same store, but the reads `verifyJournal` uses answer as if rows had been edited behind
 * Allot's back (the port offers no way to edit the journal; the SQL tamper tests edit real rows).
 * Dropped entries are made up for from the next rows, so pages stay full while more follow.
 */
function tampered(store: AllotStore, tamper: Tamper): AllotStore {
  const member = (m: MemberRecord) => (tamper.member ? tamper.member(m) : m);
  const overrides: Partial<AllotStore> = {
    async listJournalChains(args: ListJournalChainsArgs) {
      const out: JournalEntry[] = [];
      let after = args.after;
      for (;;) {
        const page = await store.listJournalChains({ ...args, ...(after ? { after } : {}) });
        for (const e of page) {
          const altered = tamper.entry ? tamper.entry(e) : e;
          if (altered) out.push(altered);
        }
        const last = page.at(-1);
        if (page.length < args.limit || !last || out.length >= args.limit) return out.slice(0, args.limit);
        after = position(last);
      }
    },
    listMemberRecords: async (args) => (await store.listMemberRecords(args)).map(member),
    getMember: async (args) => {
      const found = await store.getMember(args);
      return found && member(found);
    },
  };
  return new Proxy(store, {
    get(inner, prop) {
      if (prop in overrides) return overrides[prop as keyof AllotStore];
      const value = Reflect.get(inner, prop, inner);
      return typeof value === 'function' ? value.bind(inner) : value;
    },
  });
}

/** Verifies `fx`'s organization through a tampered view of its store. */
async function verifyThrough(fx: OrgFixture, tamper: Tamper, extra: { head?: unknown } = {}) {
  const allot = createAllot({ store: tampered(fx.store, tamper), clock: fx.clock.now, events: false });
  return ok(allot.verifyJournal({ actor: fx.system, orgId: fx.orgId, ...(extra as object) }));
}

/** One member's chain by seq, as stored. */
async function chainOf(fx: OrgFixture, userId: string): Promise<JournalEntry[]> {
  return (await fx.journal({ userId })).sort((a, b) => a.seq - b.seq);
}

/** `entries` with `edit` applied at `seq` and every hash from there recomputed (with `key`, else plain). */
function rehashed(entries: JournalEntry[], seq: number, edit: Partial<JournalEntry>, key?: Uint8Array) {
  const out = new Map<string, JournalEntry>();
  let prev = GENESIS_HASH;
  for (const e of entries) {
    const content = e.seq === seq ? { ...e, ...edit } : e;
    const entry = { ...content, hash: e.seq >= seq ? hashEntry(content, prev, key) : e.hash };
    out.set(e.id, entry);
    prev = entry.hash;
  }
  return out;
}

const reasons = (v: JournalVerification) => (v.ok ? [] : v.breaks.map((b) => [b.userId, b.seq, b.reason]));

/** `verifyJournal` reports every break, streams in pages, and with a key or a saved head catches rehashing. */
export function journalTamperSuite(kit: SuiteContext): void {
  describe('journal tamper evidence', () => {
    async function busy() {
      const fx = await kit.org();
      const bob = await fx.member({ allocation: 100 });
      const cy = await fx.member({ allocation: 100 });
      for (const amount of [5, 6, 7]) await fx.consume(bob.userId, amount);
      for (const amount of [1, 2]) await fx.consume(cy.userId, amount);
      return { fx, bob: bob.userId, cy: cy.userId };
    }

    it('reports an edit in each of two chains, not only the first', async () => {
      const { fx, bob, cy } = await busy();
      const result = await verifyThrough(fx, {
        entry: (e) =>
          (e.userId === bob && e.amount === -6) || (e.userId === cy && e.amount === -1)
            ? { ...e, amount: e.amount + 1 }
            : e,
      });
      expect(result.ok).toBe(false);
      const found = reasons(result);
      expect(found).toHaveLength(2);
      expect(found).toEqual(
        expect.arrayContaining([
          [bob, expect.any(Number), 'hash_mismatch'],
          [cy, expect.any(Number), 'hash_mismatch'],
        ]),
      );
      if (!result.ok) expect(result.broken).toEqual(result.breaks[0]);
    });

    it('catches a member row edited against its chain (through the port itself)', async () => {
      const { fx, bob } = await busy();
      const original = await fx.store.getMember({ orgId: fx.orgId, userId: bob });
      if (!original) throw new Error('bob is missing');
      const write = (m: MemberRecord) => fx.store.transaction((tx) => tx.write({ members: [m] }));
      await write({ ...original, used: original.used - 10 });
      const result = await ok(fx.allot.verifyJournal({ actor: fx.system, orgId: fx.orgId }));
      expect(reasons(result)).toEqual([[bob, original.seq, 'balance_mismatch']]);
      await write(original); // put it back for the after-test invariant check
      expect((await ok(fx.allot.verifyJournal({ actor: fx.system, orgId: fx.orgId }))).ok).toBe(true);
    });

    it('catches a truncation with the head rolled back only through a saved head', async () => {
      const { fx, bob } = await busy();
      const head = await ok(fx.allot.journalHead({ actor: fx.system, orgId: fx.orgId }));
      const chain = await chainOf(fx, bob);
      const [last, previous] = [chain.at(-1)!, chain.at(-2)!];
      const truncate: Tamper = {
        entry: (e) => (e.id === last.id ? null : e),
        member: (m) =>
          m.userId === bob
            ? { ...m, seq: previous.seq, lastHash: previous.hash, used: m.used + last.amount }
            : m,
      };
      expect(await verifyThrough(fx, truncate)).toMatchObject({ ok: true });
      const result = await verifyThrough(fx, truncate, { head });
      expect(reasons(result)).toEqual([[bob, last.seq, 'rolled_back']]);
    });

    it('catches a rehashed chain through a saved head; a head from before later writes still verifies', async () => {
      const { fx, bob, cy } = await busy();
      const head = await ok(fx.allot.journalHead({ actor: fx.system, orgId: fx.orgId }));
      await fx.consume(bob, 3);
      await fx.consume(cy, 3);
      expect(await ok(fx.allot.verifyJournal({ actor: fx.system, orgId: fx.orgId, head }))).toMatchObject({
        ok: true,
      });
      const chain = await chainOf(fx, bob);
      const usage = chain.find((e) => e.amount === -6)!;
      const forged = rehashed(chain, usage.seq, { description: 'rewritten' });
      const rehash: Tamper = {
        entry: (e) => forged.get(e.id) ?? e,
        member: (m) => (m.userId === bob ? { ...m, lastHash: forged.get(chain.at(-1)!.id)!.hash } : m),
      };
      expect(await verifyThrough(fx, rehash)).toMatchObject({ ok: true }); // every hash fits
      const saved = head.chains.find((c) => c.userId === bob)!;
      expect(reasons(await verifyThrough(fx, rehash, { head }))).toEqual([[bob, saved.seq, 'rewritten']]);
    });

    it('refuses a saved head that was altered or belongs to another organization', async () => {
      const { fx, bob } = await busy();
      const head = await ok(fx.allot.journalHead({ actor: fx.system, orgId: fx.orgId }));
      const shorter = { ...head, chains: head.chains.map((c) => ({ ...c, seq: Math.max(1, c.seq - 1) })) };
      const error = await fails(
        fx.allot.verifyJournal({ actor: fx.admin, orgId: fx.orgId, head: shorter }),
        'validation',
      );
      expect(error.issues.map((i) => i.path)).toEqual(['head.digest']);
      const other = await kit.org();
      const foreign = await fails(
        fx.allot.verifyJournal({ actor: fx.admin, orgId: fx.orgId, head: { ...head, orgId: other.orgId } }),
        'validation',
      );
      expect(foreign.issues.map((i) => i.path)).toEqual(['head.orgId']);
      await fails(fx.allot.journalHead({ actor: actors.user(fx.orgId, bob), orgId: fx.orgId }), 'forbidden');
    });

    it('reads the journal in pages of pageSize, and verifies one many pages long', async () => {
      const { fx } = await busy();
      const calls: { limit: number; got: number }[] = [];
      const counting: AllotStore = new Proxy(fx.store, {
        get(inner, prop) {
          const value = Reflect.get(inner, prop, inner);
          if (typeof value !== 'function') return value;
          if (prop !== 'listJournalChains' && prop !== 'listMemberRecords') return value.bind(inner);
          return async (args: { limit: number }) => {
            const page = (await value.call(inner, args)) as unknown[];
            calls.push({ limit: args.limit, got: page.length });
            return page;
          };
        },
      });
      const allot = createAllot({ store: counting, clock: fx.clock.now, events: false });
      const result = await ok(allot.verifyJournal({ actor: fx.system, orgId: fx.orgId, pageSize: 2 }));
      const chains = new Set((await fx.journal()).map((e) => e.userId)).size;
      expect(result).toEqual({ ok: true, entries: await fx.count(), chains });
      expect(calls.length).toBeGreaterThan((await fx.count()) / 2);
      expect(calls.every((c) => c.limit === 2 && c.got <= 2)).toBe(true);
    });

    it('finds no break while commands write during the verification', async () => {
      const { fx, bob, cy } = await busy();
      const writes = Array.from({ length: 12 }, (_, i) => fx.consume(i % 2 ? bob : cy, 1));
      const checks = Array.from({ length: 3 }, () =>
        ok(fx.allot.verifyJournal({ actor: fx.system, orgId: fx.orgId, pageSize: 3 })),
      );
      const [results] = await Promise.all([Promise.all(checks), Promise.all(writes)]);
      for (const result of results) expect(reasons(result)).toEqual([]);
    });

    describe('with a journal key', () => {
      const key = 'a host secret of at least 32 bytes!';

      /**
       * An organization on an Allot with a journal key. Not registered for the after-test
       * invariant check: that check hashes without a key (this suite's tests verify it instead).
       */
      async function keyedOrg() {
        const clock = createManualClock('2026-03-10T12:00:00.000Z');
        const allot = createAllot({ store: kit.store, clock: clock.now, events: false, journalKey: key });
        const system = actors.system();
        const domain = uniqueDomain();
        const org = await ok(
          allot.createOrganization({
            actor: system,
            id: randomId('org'),
            name: 'Keyed',
            domains: [domain],
            monthlyPool: 1000,
            admins: [{ userId: randomId('admin'), email: `admin@${domain}`, name: 'Ada' }],
          }),
        );
        const bob = randomId('user');
        await ok(allot.enroll({ actor: system, userId: bob, email: `bob@${domain}`, name: 'Bob' }));
        await ok(allot.assign({ actor: system, orgId: org.id, userId: bob, total: 100 }));
        for (const amount of [5, 6, 7]) {
          await ok(
            allot.consume({ actor: system, orgId: org.id, userId: bob, amount, idempotencyKey: randomId() }),
          );
        }
        return { allot, clock, orgId: org.id, bob, system };
      }

      it('chains with HMAC: verifies with the key, not without it', async () => {
        const { allot, clock, orgId, system } = await keyedOrg();
        expect(await ok(allot.verifyJournal({ actor: system, orgId }))).toMatchObject({ ok: true });
        const plain = createAllot({ store: kit.store, clock: clock.now, events: false });
        const without = await ok(plain.verifyJournal({ actor: system, orgId }));
        expect(without.ok).toBe(false);
        expect(reasons(without).every(([, , reason]) => reason === 'hash_mismatch')).toBe(true);
      });

      it('catches a rehash made without the key, with no saved head', async () => {
        const { clock, orgId, bob, system } = await keyedOrg();
        const chain = (await kit.store.listJournalChains({ orgId, userId: bob, limit: 100 })).sort(
          (a, b) => a.seq - b.seq,
        );
        const usage = chain.find((e) => e.amount === -6)!;
        const forged = rehashed(chain, usage.seq, { amount: -1 });
        const store = tampered(kit.store, {
          entry: (e) => forged.get(e.id) ?? e,
          member: (m) => (m.userId === bob ? { ...m, lastHash: forged.get(chain.at(-1)!.id)!.hash } : m),
        });
        const keyed = createAllot({ store, clock: clock.now, events: false, journalKey: key });
        const result = await ok(keyed.verifyJournal({ actor: system, orgId }));
        expect(reasons(result)).toEqual(
          chain.filter((e) => e.seq >= usage.seq).map((e) => [bob, e.seq, 'unkeyed_entry']),
        );
      });

      it('refuses a key shorter than 16 bytes', () => {
        expect(() => createAllot({ store: kit.store, journalKey: 'short' })).toThrow(TypeError);
      });
    });
  });
}
