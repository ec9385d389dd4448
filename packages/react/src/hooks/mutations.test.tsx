import { act, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { CsvFile } from '../client';
import { allotKeys } from '../query-keys';
import { readBlob } from '../testing/read-blob.test-helpers';
import { renderAllotHook, settled, testQueryClient } from '../testing/render.test-helpers';
import { startTestServer, type TestServer } from '../testing/server.test-helpers';
import { useDownloadCsv } from './download-csv';
import { useLedger } from './ledger';
import {
  useApproveRequest,
  useAssign,
  useCancelRequest,
  useRejectRequest,
  useRemoveMember,
  useRevoke,
  useSetRole,
  useSubmitRequest,
  useTopUp,
  useUpdateSettings,
} from './mutations';
import { useBalance, useMembers, useOverview, useRequests, useSettings, useSummary } from './queries';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.close());

describe('mutation hooks', () => {
  it('useAssign sets the total and refreshes members, overview, ledger and summary', async () => {
    const { result } = renderAllotHook(
      () => ({
        assign: useAssign(),
        overview: useOverview(),
        members: useMembers(),
        ledger: useLedger({ userId: 'cy' }),
        summary: useSummary(),
      }),
      server.clientFor('ada'),
    );
    await settled(() => result.current.overview);
    await settled(() => result.current.members);
    await settled(() => result.current.summary);
    await act(() => result.current.assign.mutateAsync({ userId: 'cy', total: 250 }));
    await waitFor(() => expect(result.current.assign.data?.member.allocated).toBe(250));
    await waitFor(() => expect(result.current.overview.data?.allocated).toBe(550));
    await waitFor(() =>
      expect(result.current.members.data?.items.find((m) => m.userId === 'cy')?.allocated).toBe(250),
    );
    await waitFor(() => expect(result.current.ledger.data?.pages[0]?.items[0]?.amount).toBe(250));
    await waitFor(() => expect(result.current.summary.data?.allocated).toBe(550));
  });

  it('useAssign exposes insufficient_pool as a typed error', async () => {
    const { result } = renderAllotHook(() => useAssign(), server.clientFor('ada'));
    act(() => result.current.mutate({ userId: 'cy', total: 5000 }));
    await waitFor(() => expect(result.current.isError).toBe(true));
    const error = result.current.error;
    expect(error?.code).toBe('insufficient_pool');
    expect(error?.detail).toMatch(/700 unallocated/);
    expect(error?.problem.available).toBe(700);
  });

  it('useRevoke returns credits to the pool and refreshes the member’s balance', async () => {
    const { result } = renderAllotHook(
      () => ({ revoke: useRevoke(), overview: useOverview() }),
      server.clientFor('ada'),
    );
    await settled(() => result.current.overview);
    await act(() => result.current.revoke.mutateAsync({ userId: 'bob', amount: 100 }));
    await waitFor(() => expect(result.current.overview.data?.unallocated).toBe(800));
  });

  it('useSetRole and useRemoveMember refresh the members table', async () => {
    const { result } = renderAllotHook(
      () => ({
        setRole: useSetRole(),
        remove: useRemoveMember(),
        members: useMembers(),
        overview: useOverview(),
      }),
      server.clientFor('ada'),
    );
    await settled(() => result.current.members);
    await act(() => result.current.setRole.mutateAsync({ userId: 'cy', role: 'admin' }));
    await waitFor(() =>
      expect(result.current.members.data?.items.find((m) => m.userId === 'cy')?.role).toBe('admin'),
    );
    await act(() => result.current.remove.mutateAsync({ userId: 'bob' }));
    await waitFor(() => expect(result.current.members.data?.items.map((m) => m.userId)).not.toContain('bob'));
    await waitFor(() => expect(result.current.overview.data?.allocated).toBe(0));
  });

  it('useUpdateSettings refreshes the settings and the overview', async () => {
    const { result } = renderAllotHook(
      () => ({ update: useUpdateSettings(), settings: useSettings(), overview: useOverview() }),
      server.clientFor('ada'),
    );
    await settled(() => result.current.overview);
    await act(() =>
      result.current.update.mutateAsync({ monthlyPool: 5000, thresholds: { yellow: 50, red: 80 } }),
    );
    await waitFor(() => expect(result.current.settings.data?.monthlyPool).toBe(5000));
    await waitFor(() => expect(result.current.overview.data?.remaining).toBe(5000));
  });

  it('useSubmitRequest and useCancelRequest (member) refresh their requests', async () => {
    const { result } = renderAllotHook(
      () => ({ submit: useSubmitRequest(), cancel: useCancelRequest(), mine: useRequests('pending') }),
      server.clientFor('bob'),
    );
    await settled(() => result.current.mine);
    const request = await act(() =>
      result.current.submit.mutateAsync({ amount: 120, message: 'More please' }),
    );
    await waitFor(() => expect(result.current.mine.data?.items.map((r) => r.id)).toEqual([request.id]));
    await act(() => result.current.cancel.mutateAsync({ requestId: request.id }));
    await waitFor(() => expect(result.current.mine.data?.items).toEqual([]));
  });

  it('useApproveRequest: the overview and members show new numbers without a manual refetch', async () => {
    const request = await server.clientFor('bob').submitRequest({ amount: 200, message: 'Demo day' });
    const { result } = renderAllotHook(
      () => ({
        approve: useApproveRequest(),
        overview: useOverview(),
        members: useMembers(),
        pending: useRequests('pending'),
      }),
      server.clientFor('ada'),
    );
    await settled(() => result.current.overview);
    await settled(() => result.current.members);
    await settled(() => result.current.pending);
    expect(result.current.overview.data).toMatchObject({
      allocated: 300,
      unallocated: 700,
      pendingRequests: 1,
    });

    await act(() => result.current.approve.mutateAsync({ requestId: request.id }));
    await waitFor(() =>
      expect(result.current.overview.data).toMatchObject({
        allocated: 500,
        unallocated: 500,
        pendingRequests: 0,
      }),
    );
    expect(result.current.members.data?.items.find((m) => m.userId === 'bob')?.allocated).toBe(500);
    expect(result.current.pending.data?.items).toEqual([]);
  });

  it('useApproveRequest refreshes the member’s own balance', async () => {
    const bob = server.clientFor('bob');
    const request = await bob.submitRequest({ amount: 50 });
    const queryClient = testQueryClient();
    const { result } = renderAllotHook(() => useBalance(), bob, queryClient);
    await settled(() => result.current);
    expect(result.current.data?.allocated).toBe(300);
    // The admin approves through a hook sharing the cache (as in one app with a role switch).
    const admin = renderAllotHook(() => useApproveRequest(), server.clientFor('ada'), queryClient);
    await act(() => admin.result.current.mutateAsync({ requestId: request.id }));
    await waitFor(() => expect(result.current.data?.allocated).toBe(350));
  });

  it('useRejectRequest refreshes requests but leaves members and summary untouched', async () => {
    const request = await server.clientFor('bob').submitRequest({ amount: 50 });
    const { result, queryClient } = renderAllotHook(
      () => ({
        reject: useRejectRequest(),
        all: useRequests('all'),
        members: useMembers(),
        summary: useSummary(),
      }),
      server.clientFor('ada'),
    );
    await settled(() => result.current.all);
    await settled(() => result.current.members);
    await settled(() => result.current.summary);
    const membersUpdatedAt = queryClient.getQueryState(allotKeys.membersPage({}))?.dataUpdatedAt;
    const summaryUpdatedAt = queryClient.getQueryState(allotKeys.summaryOf({}))?.dataUpdatedAt;

    await act(() => result.current.reject.mutateAsync({ requestId: request.id, reason: 'Not this month' }));
    await waitFor(() => expect(result.current.all.data?.items[0]).toMatchObject({ status: 'rejected' }));
    expect(result.current.all.data?.items[0]?.reason).toBe('Not this month');
    expect(queryClient.getQueryState(allotKeys.membersPage({}))?.dataUpdatedAt).toBe(membersUpdatedAt);
    expect(queryClient.getQueryState(allotKeys.summaryOf({}))?.dataUpdatedAt).toBe(summaryUpdatedAt);
  });

  it('useTopUp grows this period’s pool and refreshes the overview and ledger', async () => {
    const { result } = renderAllotHook(
      () => ({ topUp: useTopUp(), overview: useOverview(), ledger: useLedger({ type: ['top_up'] }) }),
      server.clientFor('ada'),
    );
    await settled(() => result.current.overview);
    await settled(() => result.current.ledger);
    expect(result.current.overview.data).toMatchObject({ topUps: 0, pool: 1000, unallocated: 700 });

    const done = await act(() => result.current.topUp.mutateAsync({ amount: 500, reason: 'Launch week' }));
    expect(done).toMatchObject({ topUps: 500, pool: 1500 });
    expect(done.entry).toMatchObject({ type: 'top_up', amount: 500, description: 'Launch week' });
    await waitFor(() =>
      expect(result.current.overview.data).toMatchObject({ topUps: 500, pool: 1500, monthlyPool: 1000 }),
    );
    await waitFor(() =>
      expect(result.current.ledger.data?.pages[0]?.items.map((e) => e.id)).toEqual([done.entry.id]),
    );
  });

  it('useTopUp is for admins only', async () => {
    const { result } = renderAllotHook(() => useTopUp(), server.clientFor('bob'));
    act(() => result.current.mutate({ amount: 500 }));
    await waitFor(() => expect(result.current.error).toMatchObject({ code: 'forbidden', status: 403 }));
  });

  it('useDownloadCsv fetches exactly the filtered rows and hands them to save', async () => {
    await server.consume('bob', 11);
    await server.consume('bob', 12);
    const saved: CsvFile[] = [];
    const { result } = renderAllotHook(
      () => useDownloadCsv({ save: (file) => saved.push(file) }),
      server.clientFor('ada'),
    );
    await act(() => result.current.mutateAsync({ userId: 'bob', type: ['usage'] }));
    expect(saved).toHaveLength(1);
    const rows = (await readBlob(saved[0]!.blob)).trim().split(/\r\n/).slice(1);
    expect(rows).toHaveLength(2);
    expect(rows.map((row) => row.split(',')[4])).toEqual(['-12', '-11']);
  });
});
