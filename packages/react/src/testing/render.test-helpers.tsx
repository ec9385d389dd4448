import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { renderHook, waitFor } from '@testing-library/react';
import type { ReactNode } from 'react';
import { expect } from 'vitest';
import type { AllotClient } from '../client';
import { AllotProvider } from '../provider';

/** A QueryClient for tests: no retries, so errors surface at once. */
export function testQueryClient(): QueryClient {
  return new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
}

/** Renders a hook inside the Allot and TanStack Query providers. */
export function renderAllotHook<R>(
  hook: () => R,
  client: AllotClient,
  queryClient: QueryClient = testQueryClient(),
) {
  const wrapper = ({ children }: { children: ReactNode }) => (
    <QueryClientProvider client={queryClient}>
      <AllotProvider client={client}>{children}</AllotProvider>
    </QueryClientProvider>
  );
  return { ...renderHook(hook, { wrapper }), queryClient };
}

/** Waits until a query or mutation result reports success, failing fast with its error. */
export async function settled<T extends { isSuccess: boolean; isError: boolean; error: unknown }>(
  read: () => T,
): Promise<T> {
  await waitFor(() => {
    const state = read();
    if (state.isError) throw Object.assign(new Error('settled: the hook failed'), { cause: state.error });
    expect(state.isSuccess).toBe(true);
  });
  return read();
}
