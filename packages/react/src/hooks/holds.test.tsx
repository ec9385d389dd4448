import { act, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { isAllotHttpError } from '../http-error';
import { renderAllotHook, settled, testQueryClient } from '../testing/render.test-helpers';
import { startTestServer, type TestServer } from '../testing/server.test-helpers';
import { useCapture, useHolds, useRelease, useReserve } from './holds';
import { useMyLedger } from './ledger';
import { useBalance, useMembers, useOverview, useSummary } from './queries';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.close());

const bobOf = (page: { items: { userId: string; held: number; remaining: number }[] } | undefined) =>
  page?.items.find((member) => member.userId === 'bob');

describe('hold hooks', () => {
  it('useHolds lists active holds by default, and every hold with status all', async () => {
    const first = await server.reserve('bob', 40);
    const second = await server.reserve('bob', 60);
    await server.clientFor('ada').release({ holdId: first });
    const { result } = renderAllotHook(
      () => ({ active: useHolds(), all: useHolds({ status: 'all', userId: 'bob' }) }),
      server.clientFor('ada'),
    );
    await settled(() => result.current.active);
    await settled(() => result.current.all);
    expect(result.current.active.data?.items.map((hold) => hold.id)).toEqual([second]);
    expect(result.current.active.data?.items[0]).toMatchObject({
      userId: 'bob',
      amount: 60,
      status: 'active',
      captured: null,
    });
    expect(result.current.all.data?.items.map((hold) => [hold.id, hold.status])).toEqual([
      [second, 'active'],
      [first, 'released'],
    ]);
    expect(result.current.all.data?.nextCursor).toBeNull();
  });

  it('useHolds pages by cursor', async () => {
    const ids = [];
    for (const amount of [10, 20, 30]) ids.push(await server.reserve('bob', amount));
    const client = server.clientFor('ada');
    const first = renderAllotHook(() => useHolds({ limit: 2 }), client);
    const page = (await settled(() => first.result.current)).data;
    expect(page?.items.map((hold) => hold.amount)).toEqual([30, 20]);
    expect(page?.nextCursor).toEqual(expect.any(String));
    const second = renderAllotHook(
      () => useHolds({ limit: 2, cursor: page?.nextCursor ?? undefined }),
      client,
    );
    expect((await settled(() => second.result.current)).data?.items.map((hold) => hold.id)).toEqual([ids[0]]);
  });

  it('useHolds shows a member only their own holds', async () => {
    await server.clientFor('ada').assign({ userId: 'cy', total: 100 });
    const bobs = await server.reserve('bob', 25);
    await server.reserve('cy', 35);
    const { result } = renderAllotHook(() => useHolds(), server.clientFor('bob'));
    const { data } = await settled(() => result.current);
    expect(data?.items.map((hold) => hold.id)).toEqual([bobs]);
  });

  it('useReserve: members, overview, balance and holds show the held credits without a manual refetch', async () => {
    const queryClient = testQueryClient();
    const { result } = renderAllotHook(
      () => ({
        reserve: useReserve(),
        members: useMembers(),
        overview: useOverview(),
        holds: useHolds(),
        summary: useSummary(),
      }),
      server.clientFor('ada'),
      queryClient,
    );
    // Bob's own balance and ledger, in the same cache (one app, two roles).
    const bob = renderAllotHook(
      () => ({ balance: useBalance(), ledger: useMyLedger() }),
      server.clientFor('bob'),
      queryClient,
    );
    await settled(() => result.current.members);
    await settled(() => result.current.overview);
    await settled(() => result.current.holds);
    await settled(() => bob.result.current.balance);
    await settled(() => bob.result.current.ledger);
    expect(bobOf(result.current.members.data)).toMatchObject({ held: 0, remaining: 300 });
    expect(result.current.overview.data?.held).toBe(0);
    // Read what is shown (TanStack re-renders a hook only for the fields it was read for).
    expect(bob.result.current.balance.data).toMatchObject({ held: 0, remaining: 300 });
    expect(bob.result.current.ledger.data?.pages[0]?.items[0]?.type).toBe('allocation');

    const reserved = await act(() =>
      result.current.reserve.mutateAsync({
        userId: 'bob',
        amount: 120,
        ttlSeconds: 600,
        description: 'Render',
        idempotencyKey: 'job-1',
      }),
    );
    expect(reserved.hold).toMatchObject({
      userId: 'bob',
      amount: 120,
      status: 'active',
      description: 'Render',
    });
    expect(reserved.member).toMatchObject({ held: 120, remaining: 180 });

    await waitFor(() =>
      expect(bobOf(result.current.members.data)).toMatchObject({ held: 120, remaining: 180 }),
    );
    await waitFor(() => expect(result.current.overview.data?.held).toBe(120));
    await waitFor(() =>
      expect(result.current.holds.data?.items.map((hold) => hold.id)).toEqual([reserved.hold.id]),
    );
    await waitFor(() => expect(bob.result.current.balance.data).toMatchObject({ held: 120, remaining: 180 }));
    await waitFor(() =>
      expect(bob.result.current.ledger.data?.pages[0]?.items[0]).toMatchObject({
        type: 'hold',
        amount: -120,
        holdId: reserved.hold.id,
      }),
    );
  });

  it('useReserve sends the Idempotency-Key, so a retried reserve holds once', async () => {
    const { result } = renderAllotHook(() => useReserve(), server.clientFor('ada'));
    const input = { userId: 'bob', amount: 50, idempotencyKey: 'job-2' };
    const once = await act(() => result.current.mutateAsync(input));
    const again = await act(() => result.current.mutateAsync(input));
    expect(again.hold.id).toBe(once.hold.id);
    expect((await server.clientFor('ada').holds()).items).toHaveLength(1);
    expect((await server.clientFor('bob').balance()).held).toBe(50);
  });

  it('useReserve exposes insufficient_credits as a typed error', async () => {
    const { result } = renderAllotHook(() => useReserve(), server.clientFor('ada'));
    act(() => result.current.mutate({ userId: 'bob', amount: 301, idempotencyKey: 'job-3' }));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(isAllotHttpError(result.current.error)).toBe(true);
    expect(result.current.error?.code).toBe('insufficient_credits');
  });

  it('useCapture turns part of a hold into usage and refreshes holds, members and summary', async () => {
    const holdId = await server.reserve('bob', 100);
    const { result } = renderAllotHook(
      () => ({
        capture: useCapture(),
        active: useHolds(),
        all: useHolds({ status: 'all' }),
        members: useMembers(),
        summary: useSummary({ userId: 'bob' }),
      }),
      server.clientFor('ada'),
    );
    await settled(() => result.current.active);
    await settled(() => result.current.all);
    await settled(() => result.current.members);
    await settled(() => result.current.summary);
    expect(bobOf(result.current.members.data)).toMatchObject({ held: 100, remaining: 200 });

    const captured = await act(() =>
      result.current.capture.mutateAsync({ holdId, amount: 70, idempotencyKey: 'job-1:capture' }),
    );
    expect(captured.hold).toMatchObject({ id: holdId, status: 'captured', captured: 70 });
    expect(captured.usage).toMatchObject({ type: 'usage', amount: -70, holdId });

    await waitFor(() => expect(result.current.active.data?.items).toEqual([]));
    await waitFor(() => expect(result.current.all.data?.items[0]).toMatchObject({ status: 'captured' }));
    await waitFor(() =>
      expect(result.current.members.data?.items.find((m) => m.userId === 'bob')).toMatchObject({
        held: 0,
        used: 70,
        remaining: 230,
      }),
    );
    await waitFor(() => expect(result.current.summary.data?.usage).toBe(70));
  });

  it('useRelease returns the held credits to the member', async () => {
    const holdId = await server.reserve('bob', 80);
    const { result } = renderAllotHook(
      () => ({ release: useRelease(), members: useMembers(), overview: useOverview(), holds: useHolds() }),
      server.clientFor('ada'),
    );
    await settled(() => result.current.members);
    await settled(() => result.current.overview);
    await settled(() => result.current.holds);
    expect(result.current.overview.data?.held).toBe(80);

    const released = await act(() => result.current.release.mutateAsync({ holdId }));
    expect(released.hold).toMatchObject({ id: holdId, status: 'released' });
    await waitFor(() =>
      expect(bobOf(result.current.members.data)).toMatchObject({ held: 0, remaining: 300 }),
    );
    await waitFor(() => expect(result.current.overview.data?.held).toBe(0));
    await waitFor(() => expect(result.current.holds.data?.items).toEqual([]));
  });

  it('useCapture on a released hold fails with hold_not_active (409)', async () => {
    const holdId = await server.reserve('bob', 80);
    await server.clientFor('ada').release({ holdId });
    const { result } = renderAllotHook(
      () => ({ capture: useCapture(), release: useRelease() }),
      server.clientFor('ada'),
    );
    act(() => result.current.capture.mutate({ holdId, idempotencyKey: 'late-capture' }));
    await waitFor(() => expect(result.current.capture.isError).toBe(true));
    const error = result.current.capture.error;
    expect(isAllotHttpError(error)).toBe(true);
    expect(error?.code).toBe('hold_not_active');
    expect(error?.status).toBe(409);
    expect(error?.detail).toMatch(/released/);

    act(() => result.current.release.mutate({ holdId }));
    await waitFor(() => expect(result.current.release.error?.code).toBe('hold_not_active'));
  });

  it('a member cannot reserve, and an unknown hold is not_found', async () => {
    const member = renderAllotHook(() => useReserve(), server.clientFor('bob'));
    act(() => member.result.current.mutate({ userId: 'bob', amount: 10, idempotencyKey: 'self' }));
    await waitFor(() => expect(member.result.current.error?.code).toBe('forbidden'));

    const admin = renderAllotHook(() => useRelease(), server.clientFor('ada'));
    act(() => admin.result.current.mutate({ holdId: 'nope' }));
    await waitFor(() => expect(admin.result.current.error).toMatchObject({ code: 'not_found', status: 404 }));
  });
});
