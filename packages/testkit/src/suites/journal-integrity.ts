import type { JournalEntry } from '@allot/core';
import { GENESIS_HASH, hashEntry } from '@allot/core/port';
import { describe, expect, it } from 'vitest';
import type { SuiteContext } from '../harness/context';
import { fails, ok } from '../harness/results';

/** The journal is hash-chained per account, and `verifyJournal` proves it intact. */
export function journalIntegritySuite(kit: SuiteContext): void {
  describe('journal integrity', () => {
    it('verifyJournal finds a busy organization intact, across a rollover', async () => {
      const fx = await kit.org();
      const bob = await fx.member({ allocation: 100 });
      const cy = await fx.member({ allocation: 50 });
      const usage = await fx.consume(bob.userId, 30);
      await ok(
        fx.allot.refund({
          actor: fx.system,
          orgId: fx.orgId,
          usageId: usage.id,
          amount: 10,
          idempotencyKey: 'r',
        }),
      );
      const request = await ok(fx.allot.submitRequest({ actor: cy.actor, orgId: fx.orgId, amount: 5 }));
      await ok(fx.allot.approveRequest({ actor: fx.admin, orgId: fx.orgId, requestId: request.id }));
      await ok(fx.allot.updateSettings({ actor: fx.admin, orgId: fx.orgId, name: 'Renamed' }));
      fx.clock.advance(40 * 24 * 3600 * 1000);
      await fx.consume(cy.userId, 1);
      const result = await ok(fx.allot.verifyJournal({ actor: fx.admin, orgId: fx.orgId }));
      const chains = new Set((await fx.journal()).map((e) => e.userId)).size;
      expect(result).toEqual({ ok: true, entries: await fx.count(), chains });
    });

    it("each entry's hash covers its content and the previous hash in its member's chain", async () => {
      const fx = await kit.org();
      const bob = await fx.member({ allocation: 100 });
      await fx.consume(bob.userId, 1);
      await fx.consume(bob.userId, 2);
      const chain = (await fx.journal({ userId: bob.userId })).sort((a, b) => a.seq - b.seq);
      let prevHash = GENESIS_HASH;
      for (const entry of chain) {
        expect(entry.hash).toMatch(/^[0-9a-f]{64}$/);
        expect(entry.hash).toBe(hashEntry(entry, prevHash));
        prevHash = entry.hash;
      }
      const tampered: JournalEntry = { ...chain[1]!, amount: chain[1]!.amount - 1 };
      expect(hashEntry(tampered, chain[0]!.hash)).not.toBe(chain[1]!.hash);
    });

    it('usage by different members chains independently (no org-wide hash)', async () => {
      const fx = await kit.org();
      const bob = await fx.member({ allocation: 10 });
      const cy = await fx.member({ allocation: 10 });
      const before = (await fx.journal({ userId: cy.userId })).length;
      await fx.consume(bob.userId, 1);
      expect(await fx.journal({ userId: cy.userId })).toHaveLength(before);
      const orgEntries = (await fx.journal()).filter((e) => e.userId === null);
      const usage = (await fx.journal({ userId: bob.userId, type: ['usage'] }))[0]!;
      expect(orgEntries.map((e) => e.hash)).not.toContain(usage.hash);
    });

    it('only admins and the system may verify', async () => {
      const fx = await kit.org();
      const bob = await fx.member({ allocation: 10 });
      await fails(fx.allot.verifyJournal({ actor: bob.actor, orgId: fx.orgId }), 'forbidden');
      expect((await ok(fx.allot.verifyJournal({ actor: fx.system, orgId: fx.orgId }))).ok).toBe(true);
    });
  });
}
