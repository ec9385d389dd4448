import { type Actor, actors, isStorableText, type JournalEntry } from '@allot/core';
import { hashEntry } from '@allot/core/port';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../harness/context';
import { prepareTargets } from '../harness/operations';
import type { OrgFixture } from '../harness/org-fixture';
import { randomId } from '../harness/random';
import { fails, ok } from '../harness/results';
import { UNSTORABLE_CASES } from './storable-text-cases';

/** Characters no store keeps as given: NUL, and unpaired UTF-16 surrogates of both halves. */
export const UNSTORABLE_CHARACTERS: [string, string][] = [
  ['a lone surrogate', '\ud800'],
  ['NUL', '\u0000'],
  ['a lone low surrogate', '\udc00'],
  ['half an emoji', '\ud83d'],
];

/** Non-ASCII text that must come back byte for byte: emoji (surrogate pairs), CJK, combining marks. */
const TEXT = 'Rendu 🎨 画像 e\u0301 ñ 👩🏽‍💻 שלום';

/** Everything of an organization a call could write, to prove a refused call wrote nothing. */
async function snapshot(fx: OrgFixture): Promise<unknown> {
  const actor = fx.system;
  const orgId = fx.orgId;
  return {
    organization: await fx.store.getOrganization({ orgId }),
    journal: await fx.journal(),
    members: await ok(fx.allot.members({ actor, orgId, includeRemoved: true, limit: 500 })),
    requests: await ok(fx.allot.requests({ actor, orgId, status: 'all', limit: 500 })),
    holds: await ok(fx.allot.holds({ actor, orgId, status: 'all', limit: 500 })),
  };
}

/** The UTF-8 bytes of a string, as hex (so a U+FFFD in place of a character shows). */
function utf8(value: string | null | undefined): string {
  return Buffer.from(value ?? '', 'utf8').toString('hex');
}

/** A journal entry as the store loads it. */
async function fetchEntry(kit: SuiteContext, orgId: string, entryId: string): Promise<JournalEntry> {
  const entry = await kit.store.getJournalEntry({ orgId, entryId });
  if (!entry) throw new Error(`journal entry ${entryId} not found`);
  return entry;
}

/**
 * Strings every store keeps exactly: NUL and unpaired surrogates are refused in every string
 * input (a `validation` error naming the field, nothing written), so what the journal hash
 * covers is what is stored and `verifyJournal` stays `ok`; non-ASCII text round-trips.
 */
export function storableTextSuite(kit: SuiteContext): void {
  describe('storable text', () => {
    it.each(UNSTORABLE_CASES.map((c) => [c.method, c.path, c] as const))(
      '%s refuses NUL and unpaired surrogates in %s, writes nothing and the journal still verifies',
      async (_method, path, c) => {
        const fx = await kit.org();
        const t = await prepareTargets(fx);
        const before = await snapshot(fx);
        for (const [what, bad] of UNSTORABLE_CHARACTERS) {
          const error = await fails(c.call(fx, t, bad), 'validation');
          const paths = error.issues.map((i) => i.path);
          expect(paths, `${what}: ${error.message}`).toContain(path);
          expect(error.issues.every((i) => isStorableText(i.path) && isStorableText(i.message))).toBe(true);
        }
        expect(await snapshot(fx)).toEqual(before);
        expect(await kit.store.getOrganization({ orgId: `${t.orgId}-copy` })).toBeNull();
        const verified = await ok(fx.allot.verifyJournal({ actor: fx.system, orgId: fx.orgId }));
        expect(verified).toMatchObject({ ok: true, entries: await fx.count() });
      },
    );

    it('an actor id with surrounding whitespace is refused on actor.userId / actor.orgId, not trimmed', async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 10 });
      const before = await snapshot(fx);
      const calls: [Actor, string][] = [
        [actors.user(fx.orgId, ` ${m.userId}`), 'actor.userId'],
        [actors.user(fx.orgId, `${m.userId} `), 'actor.userId'],
        [actors.user(fx.orgId, `${fx.adminId}\n`), 'actor.userId'],
        [actors.user(` ${fx.orgId} `, m.userId), 'actor.orgId'],
        [actors.user(`${fx.orgId}\t`, fx.adminId), 'actor.orgId'],
      ];
      for (const [actor, path] of calls) {
        const submitted = await fails(
          fx.allot.submitRequest({ actor, orgId: fx.orgId, amount: 1, message: 'more' }),
          'validation',
        );
        expect(submitted.issues.map((i) => i.path)).toEqual([path]);
        const read = await fails(fx.allot.balance({ actor, orgId: fx.orgId }), 'validation');
        expect(read.issues.map((i) => i.path)).toEqual([path]);
      }
      expect(await snapshot(fx)).toEqual(before);
    });

    it('non-ASCII text round-trips byte for byte through every kind of field and verifies', async () => {
      const { allot } = kit.allot();
      const system = actors.system();
      const domain = `${randomId('d')}.example`;
      const orgId = `${randomId('org')}-組織😀`;
      const adminId = `${randomId('admin')}-管理者`;
      const org = await ok(
        allot.createOrganization({
          actor: system,
          id: orgId,
          name: `Org ${TEXT}`,
          domains: [domain],
          monthlyPool: 1000,
          admins: [{ userId: adminId, email: `admin@${domain}`, name: `Admin ${TEXT}` }],
          idempotencyKey: `create-${TEXT}-${orgId}`,
        }),
      );
      kit.track(org.id);
      expect(utf8(org.id)).toBe(utf8(orgId));
      expect(utf8(org.name)).toBe(utf8(`Org ${TEXT}`));
      const admin = actors.user(orgId, adminId);
      const userId = `${randomId('user')}-ユーザー👩🏽‍💻`;
      const name = `Member ${TEXT} 会員`;
      await ok(allot.enroll({ actor: system, userId, email: `member@${domain}`, name }));
      await ok(allot.assign({ actor: admin, orgId, userId, total: 100, idempotencyKey: `assign ${TEXT}` }));
      const metadata = { [`ジョブ ${TEXT}`]: `値 ${TEXT}`, 'e\u0301': 1 };
      const consumed = await ok(
        allot.consume({
          actor: system,
          orgId,
          userId,
          amount: 5,
          idempotencyKey: `job ${TEXT}`,
          description: `Usage ${TEXT}`,
          metadata,
        }),
      );
      await ok(
        allot.refund({
          actor: system,
          orgId,
          usageId: consumed.usage.id,
          amount: 1,
          idempotencyKey: `refund ${TEXT}`,
          description: `Refund ${TEXT}`,
        }),
      );
      const member = actors.user(orgId, userId);
      const request = await ok(
        allot.submitRequest({ actor: member, orgId, amount: 5, message: `Msg ${TEXT}` }),
      );
      const rejected = await ok(
        allot.rejectRequest({ actor: admin, orgId, requestId: request.id, reason: `No ${TEXT}` }),
      );
      const topUp = await ok(allot.topUp({ actor: system, orgId, amount: 10, reason: `Top-up ${TEXT}` }));

      const usage = await fetchEntry(kit, orgId, consumed.usage.id);
      expect(utf8(usage.description)).toBe(utf8(`Usage ${TEXT}`));
      expect(utf8(usage.idempotencyKey)).toBe(utf8(`job ${TEXT}`));
      expect(utf8(usage.userId)).toBe(utf8(userId));
      expect(usage.metadata).toEqual(metadata);
      expect(Object.keys(usage.metadata ?? {}).map(utf8)).toEqual(Object.keys(metadata).map(utf8));
      const stored = await ok(allot.requests({ actor: admin, orgId, status: 'all' }));
      const closed = stored.items.find((r) => r.id === rejected.id);
      expect(utf8(closed?.message)).toBe(utf8(`Msg ${TEXT}`));
      expect(utf8(closed?.reason)).toBe(utf8(`No ${TEXT}`));
      expect(utf8((await fetchEntry(kit, orgId, topUp.entry.id)).description)).toBe(utf8(`Top-up ${TEXT}`));
      const found = await ok(
        allot.members({ actor: admin, orgId, search: `${TEXT.slice(TEXT.indexOf('🎨'))} 会員` }),
      );
      expect(found.items.map((m) => [utf8(m.userId), utf8(m.name)])).toEqual([[utf8(userId), utf8(name)]]);
      const entries = await ok(allot.ledger({ actor: admin, orgId, limit: 500 }));
      expect(entries.items.some((e) => e.actor === `user:${userId}`)).toBe(true);
      for (const entry of entries.items) {
        const loaded = await fetchEntry(kit, orgId, entry.id);
        expect(loaded).toEqual(entry);
      }
      const replay = await ok(
        allot.consume({
          actor: system,
          orgId,
          userId,
          amount: 5,
          idempotencyKey: `job ${TEXT}`,
          description: `Usage ${TEXT}`,
          metadata,
        }),
      );
      expect(replay.usage.id).toBe(consumed.usage.id);
      const verified = await ok(allot.verifyJournal({ actor: admin, orgId }));
      expect(verified).toMatchObject({ ok: true, entries: entries.items.length });
    });

    it("a usage entry's hash covers its non-ASCII text as stored", async () => {
      const fx = await kit.org();
      const m = await fx.member({ allocation: 10 });
      const first = await fx.consume(m.userId, 1, `A ${TEXT}`);
      const second = await fx.consume(m.userId, 1, `B ${TEXT}`);
      const loaded = await fetchEntry(kit, fx.orgId, second.id);
      expect(loaded.hash).toBe(hashEntry(loaded, first.hash));
      expect(hashEntry({ ...loaded, description: `B ${TEXT}`.normalize('NFC') }, first.hash)).not.toBe(
        loaded.hash,
      );
    });
  });
}
