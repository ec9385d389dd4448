import { createContext, type ReactNode, useContext } from 'react';
import type { AllotClient } from './client';

const AllotContext = createContext<AllotClient | null>(null);

/**
 * Props of {@link AllotProvider}.
 *
 * @example
 * ```ts
 * const props: AllotProviderProps = { client: createAllotClient({ baseUrl: '/api/allot' }) };
 * ```
 */
export interface AllotProviderProps {
  client: AllotClient;
  children?: ReactNode;
}

/**
 * Makes an Allot client available to the hooks below it. Put it inside TanStack Query's
 * `QueryClientProvider`.
 *
 * @example
 * ```tsx
 * const client = createAllotClient({ baseUrl: '/api/allot' });
 * <QueryClientProvider client={new QueryClient()}>
 *   <AllotProvider client={client}><App /></AllotProvider>
 * </QueryClientProvider>
 * ```
 */
export function AllotProvider({ client, children }: AllotProviderProps) {
  return <AllotContext.Provider value={client}>{children}</AllotContext.Provider>;
}

/**
 * The client of the nearest {@link AllotProvider}; throws when there is none.
 *
 * @example
 * ```tsx
 * const client = useAllotClient();
 * ```
 */
export function useAllotClient(): AllotClient {
  const client = useContext(AllotContext);
  if (!client) throw new Error('useAllotClient: wrap your components in <AllotProvider client={...}>.');
  return client;
}
