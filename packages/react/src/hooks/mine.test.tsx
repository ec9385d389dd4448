import { act, waitFor } from '@testing-library/react';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { renderAllotHook, settled, testQueryClient } from '../testing/render.test-helpers';
import { startTestServer, type TestServer } from '../testing/server.test-helpers';
import { useHolds, useMyHolds, useRelease, useReserve } from './holds';
import { useCancelRequest, useSubmitRequest } from './mutations';
import { useMyRequests, useRequests } from './queries';

let server: TestServer;
beforeEach(async () => {
  server = await startTestServer();
});
afterEach(() => server.close());

const ids = (page: { items: { id: string }[] } | undefined) => page?.items.map((item) => item.id);

describe('the signed-in person’s own requests and holds', () => {
  it('useMyRequests gives an admin only her own requests, where useRequests gives the organization’s', async () => {
    const bobs = await server.clientFor('bob').submitRequest({ amount: 50 });
    const adas = await server.clientFor('ada').submitRequest({ amount: 20, message: 'My own' });
    // One cache, both views, as on a dashboard that has an admin queue and a "my credits" page.
    const queryClient = testQueryClient();
    const { result } = renderAllotHook(
      () => ({ org: useRequests('all'), mine: useMyRequests(), pending: useMyRequests('pending') }),
      server.clientFor('ada'),
      queryClient,
    );
    await settled(() => result.current.org);
    await settled(() => result.current.mine);
    await settled(() => result.current.pending);
    expect(ids(result.current.org.data)).toEqual([adas.id, bobs.id]);
    expect(result.current.mine.data).toEqual({
      items: [expect.objectContaining({ id: adas.id, userId: 'ada', message: 'My own' })],
      nextCursor: null,
    });
    expect(ids(result.current.pending.data)).toEqual([adas.id]);

    const member = renderAllotHook(() => useMyRequests('all', { limit: 5 }), server.clientFor('bob'));
    expect(ids((await settled(() => member.result.current)).data)).toEqual([bobs.id]);
    const cy = renderAllotHook(() => useMyRequests(), server.clientFor('cy'));
    expect((await settled(() => cy.result.current)).data?.items).toEqual([]);
  });

  it('useMyRequests pages by cursor', async () => {
    const bob = server.clientFor('bob');
    const first = await bob.submitRequest({ amount: 10 });
    const second = await bob.submitRequest({ amount: 20 });
    const client = server.clientFor('bob');
    const one = renderAllotHook(() => useMyRequests('all', { limit: 1 }), client);
    const page = (await settled(() => one.result.current)).data;
    expect(ids(page)).toEqual([second.id]);
    const two = renderAllotHook(
      () => useMyRequests('all', { limit: 1, cursor: page?.nextCursor ?? undefined }),
      client,
    );
    const next = (await settled(() => two.result.current)).data;
    expect(next).toEqual({ items: [expect.objectContaining({ id: first.id })], nextCursor: null });
  });

  it('submitting and cancelling refresh useMyRequests without a manual refetch', async () => {
    await server.clientFor('bob').submitRequest({ amount: 50 });
    const { result } = renderAllotHook(
      () => ({ mine: useMyRequests(), submit: useSubmitRequest(), cancel: useCancelRequest() }),
      server.clientFor('ada'),
    );
    await settled(() => result.current.mine);
    expect(result.current.mine.data?.items).toEqual([]);

    const asked = await act(() => result.current.submit.mutateAsync({ amount: 30 }));
    await waitFor(() => expect(ids(result.current.mine.data)).toEqual([asked.id]));
    await act(() => result.current.cancel.mutateAsync({ requestId: asked.id }));
    await waitFor(() =>
      expect(result.current.mine.data?.items.map((r) => [r.id, r.status])).toEqual([[asked.id, 'cancelled']]),
    );
  });

  it('useMyHolds gives an admin only her own holds, where useHolds gives the organization’s', async () => {
    await server.clientFor('ada').assign({ userId: 'ada', total: 100 });
    const bobs = await server.reserve('bob', 40);
    const adas = await server.reserve('ada', 30);
    const { result } = renderAllotHook(
      () => ({ org: useHolds(), mine: useMyHolds(), all: useMyHolds({ status: 'all' }) }),
      server.clientFor('ada'),
    );
    await settled(() => result.current.org);
    await settled(() => result.current.mine);
    await settled(() => result.current.all);
    expect(ids(result.current.org.data)).toEqual([adas, bobs]);
    expect(result.current.mine.data).toEqual({
      items: [expect.objectContaining({ id: adas, userId: 'ada', amount: 30, status: 'active' })],
      nextCursor: null,
    });
    expect(ids(result.current.all.data)).toEqual([adas]);

    const member = renderAllotHook(() => useMyHolds(), server.clientFor('bob'));
    expect(ids((await settled(() => member.result.current)).data)).toEqual([bobs]);
  });

  it('reserving and releasing refresh useMyHolds without a manual refetch', async () => {
    await server.clientFor('ada').assign({ userId: 'ada', total: 100 });
    await server.reserve('bob', 40);
    const { result } = renderAllotHook(
      () => ({ mine: useMyHolds(), reserve: useReserve(), release: useRelease() }),
      server.clientFor('ada'),
    );
    await settled(() => result.current.mine);
    expect(result.current.mine.data?.items).toEqual([]);

    const { hold } = await act(() =>
      result.current.reserve.mutateAsync({ userId: 'ada', amount: 25, idempotencyKey: 'ada-job' }),
    );
    await waitFor(() => expect(ids(result.current.mine.data)).toEqual([hold.id]));
    await act(() => result.current.release.mutateAsync({ holdId: hold.id }));
    await waitFor(() => expect(result.current.mine.data?.items).toEqual([]));
  });
});
