import { describe, expect, it } from 'vitest';
import { errValue, fixedContext, member, okValue, org, usageEntry } from './fixtures.test-helpers';
import { decideConsume, decideRefund } from './usage';

describe('decideConsume', () => {
  const funded = () => member({ allocated: 1000, used: 200 });

  it('spends credits: a usage entry of −amount, used goes up', () => {
    const { changes, result } = okValue(
      decideConsume(funded(), { userId: 'bob', amount: 300, description: 'Render' }, fixedContext()),
    );
    expect(result.usage).toMatchObject({
      type: 'usage',
      amount: -300,
      balanceAfter: 500,
      description: 'Render',
    });
    expect(result.member).toMatchObject({ used: 500, remaining: 500 });
    expect(changes.members).toEqual([expect.objectContaining({ used: 500, allocated: 1000 })]);
    expect(changes.organization).toBeUndefined();
  });

  it('accepts exactly the remaining amount', () => {
    const { result } = okValue(
      decideConsume(funded(), { userId: 'bob', amount: 800, description: '' }, fixedContext()),
    );
    expect(result.member.remaining).toBe(0);
    expect(result.usage.balanceAfter).toBe(0);
  });

  it('refuses one credit more than the remaining (insufficient_credits)', () => {
    const error = errValue(
      decideConsume(funded(), { userId: 'bob', amount: 801, description: '' }, fixedContext()),
    );
    expect(error).toMatchObject({ code: 'insufficient_credits', requested: 801, available: 800 });
  });

  it('keeps the metadata and the idempotency key on the entry', () => {
    const metadata = { job: 'j-1', pages: 3, draft: false, note: null };
    const { result } = okValue(
      decideConsume(
        funded(),
        { userId: 'bob', amount: 1, description: '', metadata },
        fixedContext({ idempotencyKey: 'k' }),
      ),
    );
    expect(result.usage.metadata).toEqual(metadata);
    expect(result.usage.idempotencyKey).toBe('k');
  });

  it('metadata is null when none is given', () => {
    const { result } = okValue(
      decideConsume(funded(), { userId: 'bob', amount: 1, description: '' }, fixedContext()),
    );
    expect(result.usage.metadata).toBeNull();
  });

  it('a missing or removed member is not_found', () => {
    expect(
      errValue(decideConsume(null, { userId: 'x', amount: 1, description: '' }, fixedContext())),
    ).toMatchObject({
      code: 'not_found',
      id: 'x',
    });
    const removed = member({ allocated: 100, status: 'removed' });
    expect(
      errValue(decideConsume(removed, { userId: 'bob', amount: 1, description: '' }, fixedContext())).code,
    ).toBe('not_found');
  });
});

describe('decideRefund', () => {
  const spent = () => member({ allocated: 1000, used: 300 });

  it('refunds part of a usage: a refund entry of +amount referencing the usage', () => {
    const { changes, result } = okValue(
      decideRefund(
        org(),
        usageEntry(),
        spent(),
        { usageId: 'usage-1', amount: 100, description: '' },
        0,
        fixedContext(),
      ),
    );
    expect(result.refund).toMatchObject({
      type: 'refund',
      amount: 100,
      usageId: 'usage-1',
      balanceAfter: 800,
    });
    expect(result.member).toMatchObject({ used: 200, remaining: 800 });
    expect(changes.journal).toEqual([result.refund]);
  });

  it('refunds the whole unrefunded rest when the amount is omitted', () => {
    const { result } = okValue(
      decideRefund(
        org(),
        usageEntry(),
        spent(),
        { usageId: 'usage-1', description: '' },
        120,
        fixedContext(),
      ),
    );
    expect(result.refund.amount).toBe(180);
    expect(result.member.used).toBe(120);
  });

  it('describes the refund after the usage when no description is given, else keeps it', () => {
    const ctx = fixedContext();
    const auto = okValue(
      decideRefund(org(), usageEntry(), spent(), { usageId: 'usage-1', description: '' }, 0, ctx),
    );
    expect(auto.result.refund.description).toBe('Refund of Video render');
    const own = okValue(
      decideRefund(org(), usageEntry(), spent(), { usageId: 'usage-1', description: 'Oops' }, 0, ctx),
    );
    expect(own.result.refund.description).toBe('Oops');
  });

  it('refuses more than the rest with a validation error naming `amount`', () => {
    const error = errValue(
      decideRefund(
        org(),
        usageEntry(),
        spent(),
        { usageId: 'usage-1', amount: 201, description: '' },
        100,
        fixedContext(),
      ),
    );
    expect(error.code).toBe('validation');
    if (error.code !== 'validation') return;
    expect(error.issues).toEqual([expect.objectContaining({ path: 'amount', code: 'too_big' })]);
    expect(error.message).toContain('200');
  });

  it('accepts exactly the rest', () => {
    const { result } = okValue(
      decideRefund(
        org(),
        usageEntry(),
        spent(),
        { usageId: 'usage-1', amount: 200, description: '' },
        100,
        fixedContext(),
      ),
    );
    expect(result.refund.amount).toBe(200);
  });

  it('a usage refunded in full is a conflict', () => {
    const error = errValue(
      decideRefund(
        org(),
        usageEntry(),
        spent(),
        { usageId: 'usage-1', description: '' },
        300,
        fixedContext(),
      ),
    );
    expect(error.code).toBe('conflict');
  });

  it('a usage from a previous period is period_closed', () => {
    const old = usageEntry({ at: '2026-10-31T23:59:59.999Z' });
    const error = errValue(
      decideRefund(org(), old, spent(), { usageId: 'usage-1', description: '' }, 0, fixedContext()),
    );
    expect(error.code).toBe('period_closed');
  });

  it('a usage exactly at the period start is still refundable', () => {
    const first = usageEntry({ at: '2026-11-01T00:00:00.000Z' });
    expect(
      okValue(
        decideRefund(org(), first, spent(), { usageId: 'usage-1', description: '' }, 0, fixedContext()),
      ),
    ).toBeTruthy();
  });

  it('an entry that is not a usage is not_found', () => {
    const allocation = usageEntry({ id: 'alloc-1', type: 'allocation', amount: 500 });
    const error = errValue(
      decideRefund(org(), allocation, spent(), { usageId: 'alloc-1', description: '' }, 0, fixedContext()),
    );
    expect(error).toMatchObject({ code: 'not_found', resource: 'usage', id: 'alloc-1' });
  });

  it('a missing usage is not_found', () => {
    const error = errValue(
      decideRefund(org(), null, spent(), { usageId: 'nope', description: '' }, 0, fixedContext()),
    );
    expect(error).toMatchObject({ code: 'not_found', resource: 'usage' });
  });

  it('a usage whose member record is gone is not_found for the member', () => {
    const error = errValue(
      decideRefund(org(), usageEntry(), null, { usageId: 'usage-1', description: '' }, 0, fixedContext()),
    );
    expect(error).toMatchObject({ code: 'not_found', resource: 'member', id: 'bob' });
  });
});
