import { waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderAllotHook, settled } from '../testing/render.test-helpers';
import { startTestServer, type TestServer } from '../testing/server.test-helpers';
import { useLedger, useMyLedger } from './ledger';
import { useBalance, useMembers, useOverview, useRequests, useSettings, useSummary } from './queries';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.close());

describe('read hooks', () => {
  it('useOverview', async () => {
    const { result } = renderAllotHook(() => useOverview(), server.clientFor('ada'));
    const { data } = await settled(() => result.current);
    expect(data).toMatchObject({
      monthlyPool: 1000,
      allocated: 300,
      unallocated: 700,
      memberCount: 3,
      health: 'green',
    });
  });

  it('useMembers with search and paging', async () => {
    const { result } = renderAllotHook(() => useMembers({ limit: 2 }), server.clientFor('ada'));
    const { data } = await settled(() => result.current);
    expect(data?.total).toBe(3);
    expect(data?.items).toHaveLength(2);
  });

  it('useSettings', async () => {
    const { result } = renderAllotHook(() => useSettings(), server.clientFor('ada'));
    expect((await settled(() => result.current)).data?.domains).toEqual(['acme.com']);
  });

  it('useRequests(status)', async () => {
    const bob = server.clientFor('bob');
    const pending = await bob.submitRequest({ amount: 10 });
    const other = await bob.submitRequest({ amount: 20 });
    await bob.cancelRequest({ requestId: other.id });
    const { result } = renderAllotHook(
      () => ({ pending: useRequests('pending'), all: useRequests('all') }),
      server.clientFor('ada'),
    );
    await settled(() => result.current.pending);
    await settled(() => result.current.all);
    expect(result.current.pending.data?.items.map((r) => r.id)).toEqual([pending.id]);
    expect(result.current.all.data?.items.map((r) => r.status)).toEqual(['cancelled', 'pending']);
  });

  it('useSummary over a filter', async () => {
    await server.consume('bob', 40);
    const { result } = renderAllotHook(() => useSummary({ userId: 'bob' }), server.clientFor('ada'));
    expect((await settled(() => result.current)).data).toEqual({
      usage: 40,
      allocated: 300,
      revoked: 0,
      refunded: 0,
    });
  });

  it('useBalance', async () => {
    await server.consume('bob', 40);
    const { result } = renderAllotHook(() => useBalance(), server.clientFor('bob'));
    expect((await settled(() => result.current)).data).toMatchObject({
      allocated: 300,
      used: 40,
      remaining: 260,
    });
  });

  it('useLedger pages by cursor with filters', async () => {
    for (const amount of [1, 2, 3, 4, 5]) await server.consume('bob', amount);
    const { result } = renderAllotHook(
      () => useLedger({ userId: 'bob', type: ['usage'] }, { limit: 2 }),
      server.clientFor('ada'),
    );
    await settled(() => result.current);
    expect(result.current.data?.pages[0]?.items.map((e) => e.amount)).toEqual([-5, -4]);
    expect(result.current.hasNextPage).toBe(true);

    await result.current.fetchNextPage();
    await waitFor(() => expect(result.current.data?.pages).toHaveLength(2));
    await result.current.fetchNextPage();
    await waitFor(() => expect(result.current.data?.pages).toHaveLength(3));
    const amounts = result.current.data?.pages.flatMap((p) => p.items.map((e) => e.amount));
    expect(amounts).toEqual([-5, -4, -3, -2, -1]);
    expect(result.current.hasNextPage).toBe(false);
  });

  it('useMyLedger shows only the caller’s entries', async () => {
    await server.consume('bob', 7);
    const { result } = renderAllotHook(() => useMyLedger(), server.clientFor('bob'));
    const { data } = await settled(() => result.current);
    const entries = data?.pages.flatMap((p) => p.items) ?? [];
    expect(entries.length).toBeGreaterThan(1);
    expect(entries.every((e) => e.userId === 'bob')).toBe(true);
    expect(entries[0]).toMatchObject({ type: 'usage', amount: -7, balanceAfter: 293 });
  });

  it('exposes a typed error (a member reading the admin overview)', async () => {
    const { result } = renderAllotHook(() => useOverview(), server.clientFor('bob'));
    await waitFor(() => expect(result.current.isError).toBe(true));
    expect(result.current.error?.code).toBe('forbidden');
    expect(result.current.error?.status).toBe(403);
  });
});
