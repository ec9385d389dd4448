import { describe, expect, it } from 'vitest';
import { decideConsumeMany, type UsageEventToDecide } from './batch';
import { completeDecision } from './complete';
import { fixedContext, member, okValue, org } from './fixtures.test-helpers';
import { decideConsume } from './usage';

const event = (userId: string, amount: number, idempotencyKey: string): UsageEventToDecide => ({
  userId,
  amount,
  idempotencyKey,
  description: '',
});

describe('decideConsumeMany', () => {
  const members = () =>
    new Map([
      ['bob', member({ allocated: 100 })],
      ['cy', member({ userId: 'cy', email: 'cy@acme.com', allocated: 50, seq: 0, lastHash: '' })],
      ['gone', null],
    ]);

  it('decides each event in order; a short member refuses only that event', () => {
    const { changes, result } = okValue(
      decideConsumeMany(
        org(),
        members(),
        [event('bob', 60, 'a'), event('cy', 70, 'b'), event('bob', 50, 'c'), event('bob', 40, 'd')],
        fixedContext(),
      ),
    );
    expect(result.map((r) => (r.ok ? r.member.remaining : r.error.code))).toEqual([
      40,
      'insufficient_credits',
      'insufficient_credits',
      0,
    ]);
    expect(result.map((r) => r.idempotencyKey)).toEqual(['a', 'b', 'c', 'd']);
    const [, cy, bobShort] = result;
    expect(cy?.ok === false && cy.error).toMatchObject({ requested: 70, available: 50 });
    expect(bobShort?.ok === false && bobShort.error).toMatchObject({ requested: 50, available: 40 });
    // One record per member, at its last state; one entry per success, each with its own key.
    expect(changes.members).toEqual([expect.objectContaining({ userId: 'bob', used: 100, seq: 5 })]);
    expect(changes.journal?.map((e) => [e.idempotencyKey, e.amount, e.seq, e.balanceAfter])).toEqual([
      ['a', -60, 4, 40],
      ['d', -40, 5, 0],
    ]);
    expect(changes.journal?.[1]?.hash).not.toBe(changes.journal?.[0]?.hash);
  });

  it('answers each success exactly as consume would have, one after another', () => {
    const ctx = fixedContext();
    const batch = okValue(
      decideConsumeMany(org(), members(), [event('bob', 95, 'a'), event('bob', 1, 'b')], ctx),
    );
    const again = fixedContext();
    const first = okValue(
      completeDecision(
        decideConsume(member({ allocated: 100 }), event('bob', 95, 'a'), { ...again, idempotencyKey: 'a' }),
        org(),
        again,
      ),
    );
    const written = first.changes.members?.[0];
    if (!written) throw new Error('no member written');
    const second = okValue(
      completeDecision(
        decideConsume(written, event('bob', 1, 'b'), { ...again, idempotencyKey: 'b' }),
        org(),
        again,
      ),
    );
    expect(batch.result).toEqual([
      { ok: true, idempotencyKey: 'a', ...first.result },
      { ok: true, idempotencyKey: 'b', ...second.result },
    ]);
    // The low-credit alert fires once, with the event that crossed it.
    expect(batch.result.map((r) => r.ok && r.member.alerts)).toEqual([
      ['remaining_below_percent'],
      ['remaining_below_percent'],
    ]);
    expect(batch.changes.events?.filter((e) => e.type === 'alert.triggered')).toHaveLength(1);
  });

  it('an absent member is that event’s not_found; nothing at all is a change set without writes', () => {
    const { changes, result } = okValue(
      decideConsumeMany(org(), members(), [event('gone', 1, 'a'), event('cy', 51, 'b')], fixedContext()),
    );
    expect(result.map((r) => !r.ok && r.error.code)).toEqual(['not_found', 'insufficient_credits']);
    expect(changes).toEqual({});
  });
});
