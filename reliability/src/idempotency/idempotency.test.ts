import { checkInvariants } from '@allot/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { recordFigures, tally } from '../support/figures';
import { fundedOrg, journalOf } from '../support/org';
import { codeOf, must, settle } from '../support/results';
import type { AdapterName } from '../support/store-spec';
import { openTarget, type Target } from '../support/targets';

const CALLERS = 50;

describe.each<AdapterName>(['memory', 'sqlite', 'postgres'])('idempotency on %s', (adapter) => {
  let target: Target;
  const figures = tally();
  const started = Date.now();
  beforeAll(async () => {
    target = await openTarget(adapter);
  });
  afterAll(async () => {
    recordFigures('idempotency', adapter, figures, Date.now() - started);
    await target?.dispose();
  });

  async function invariants(orgId: string, options?: Parameters<typeof checkInvariants>[2]) {
    figures.invariantChecks += 1;
    expect(await checkInvariants(target.store, orgId, options)).toEqual([]);
  }

  it(`${CALLERS} concurrent consumes with one key: one entry, ${CALLERS} identical answers`, async () => {
    const { allot, orgId, system } = await fundedOrg(target.store, { members: 1, allocation: 100 });
    const call = () =>
      settle(allot.consume({ actor: system, orgId, userId: 'm0', amount: 7, idempotencyKey: 'order-1' }));
    const answers = await Promise.all(Array.from({ length: CALLERS }, call));
    figures.operations += CALLERS;
    figures.faults += CALLERS - 1;
    const first = answers[0];
    if (!first?.ok) throw new Error(`the first answer failed: ${first && codeOf(first)}`);
    for (const answer of answers) expect(answer).toEqual(first);
    const entries = (await journalOf(target.store, orgId)).filter((e) => e.idempotencyKey === 'order-1');
    expect(entries.map((e) => e.id)).toEqual([first.value.usage.id]);
    expect(first.value.member.used).toBe(7);
    expect((await must(allot.balance({ actor: system, orgId, userId: 'm0' }))).used).toBe(7);
    await invariants(orgId, {
      acknowledged: { entryIds: [first.value.usage.id], idempotencyKeys: ['order-1'] },
    });
  });

  it(`${CALLERS} concurrent refunds of one usage with one key: one refund`, async () => {
    const { allot, orgId, system } = await fundedOrg(target.store, { members: 1, allocation: 100 });
    const usage = await must(
      allot.consume({ actor: system, orgId, userId: 'm0', amount: 40, idempotencyKey: 'u' }),
    );
    const answers = await Promise.all(
      Array.from({ length: CALLERS }, () =>
        settle(
          allot.refund({ actor: system, orgId, usageId: usage.usage.id, amount: 15, idempotencyKey: 'r' }),
        ),
      ),
    );
    figures.operations += CALLERS + 1;
    figures.faults += CALLERS - 1;
    for (const answer of answers) expect(answer).toEqual(answers[0]);
    const refunds = (await journalOf(target.store, orgId)).filter((e) => e.type === 'refund');
    expect(refunds).toHaveLength(1);
    expect((await must(allot.balance({ actor: system, orgId, userId: 'm0' }))).used).toBe(25);
    await invariants(orgId);
  });

  it('racing payloads under one key: one payload wins, its callers agree, the others get idempotency_conflict', async () => {
    const { allot, orgId, system } = await fundedOrg(target.store, { members: 1, allocation: 100 });
    const answers = await Promise.all(
      Array.from({ length: CALLERS }, (_, i) =>
        settle(
          allot.consume({
            actor: system,
            orgId,
            userId: 'm0',
            amount: i % 2 === 0 ? 3 : 4,
            idempotencyKey: 'k',
          }),
        ),
      ),
    );
    figures.operations += CALLERS;
    figures.faults += CALLERS - 1;
    const winners = answers.filter((a) => a.ok);
    const losers = answers.filter((a) => !a.ok);
    expect(winners.length).toBe(CALLERS / 2);
    for (const w of winners) expect(w).toEqual(winners[0]);
    expect(new Set(losers.map(codeOf))).toEqual(new Set(['idempotency_conflict']));
    const entries = (await journalOf(target.store, orgId)).filter((e) => e.idempotencyKey === 'k');
    expect(entries).toHaveLength(1);
    await invariants(orgId);
  });

  it('the same key with another amount or another command is idempotency_conflict and writes nothing', async () => {
    const { allot, orgId, system } = await fundedOrg(target.store, { members: 1, allocation: 100 });
    await must(allot.consume({ actor: system, orgId, userId: 'm0', amount: 10, idempotencyKey: 'same' }));
    const before = (await journalOf(target.store, orgId)).length;
    const otherAmount = await settle(
      allot.consume({ actor: system, orgId, userId: 'm0', amount: 11, idempotencyKey: 'same' }),
    );
    const otherCommand = await settle(
      allot.revoke({ actor: system, orgId, userId: 'm0', amount: 10, idempotencyKey: 'same' }),
    );
    figures.operations += 3;
    figures.faults += 2;
    expect(codeOf(otherAmount)).toBe('idempotency_conflict');
    expect(codeOf(otherCommand)).toBe('idempotency_conflict');
    expect((await journalOf(target.store, orgId)).length).toBe(before);
    await invariants(orgId);
  });

  it('a retry after insufficient_credits runs afresh: only successes are remembered under a key', async () => {
    const { allot, orgId, system } = await fundedOrg(target.store, {
      members: 1,
      allocation: 100,
      monthlyPool: 1000,
    });
    const consume = () =>
      settle(allot.consume({ actor: system, orgId, userId: 'm0', amount: 500, idempotencyKey: 'big-job' }));
    const before = (await journalOf(target.store, orgId)).length;

    // Refused, and nothing written: no entry, and the key is not remembered either.
    const refused = await consume();
    expect(codeOf(refused)).toBe('insufficient_credits');
    expect(codeOf(await consume())).toBe('insufficient_credits');
    expect((await journalOf(target.store, orgId)).length).toBe(before);
    await invariants(orgId, { rejectedKeys: ['big-job'] });

    // Once the member has the credits, the same call with the same key runs and succeeds …
    await must(allot.assign({ actor: system, orgId, userId: 'm0', total: 600 }));
    const applied = await consume();
    if (!applied.ok) throw new Error(`expected the retry to succeed, got ${codeOf(applied)}`);
    expect(applied.value.member.remaining).toBe(100);
    // … and from then on the key replays that success and writes nothing more.
    expect(await consume()).toEqual(applied);
    const withKey = (await journalOf(target.store, orgId)).filter((e) => e.idempotencyKey === 'big-job');
    expect(withKey.map((e) => e.id)).toEqual([applied.value.usage.id]);
    // A different payload under the now-remembered key is a conflict.
    const other = await settle(
      allot.consume({ actor: system, orgId, userId: 'm0', amount: 1, idempotencyKey: 'big-job' }),
    );
    expect(codeOf(other)).toBe('idempotency_conflict');
    figures.operations += 7;
    figures.faults += 4;
    await invariants(orgId, {
      acknowledged: { entryIds: [applied.value.usage.id], idempotencyKeys: ['big-job'] },
    });
  });
});
