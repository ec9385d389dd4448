'use client';

import { AllotProvider, createAllotClient, useOverview } from '@allot/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { useState } from 'react';

function Figures() {
  const overview = useOverview();
  if (overview.isPending) return <p>Loading…</p>;
  if (overview.isError) return <p role="alert">{overview.error.message}</p>;
  return (
    <p data-testid="pool">
      {overview.data.used} of {overview.data.pool} credits used ({overview.data.memberCount} members)
    </p>
  );
}

/** The pool's figures, read from the route handler with @allot/react. */
export function Pool() {
  const [queryClient] = useState(() => new QueryClient());
  const [client] = useState(() => createAllotClient({ baseUrl: '/api/credits' }));
  return (
    <QueryClientProvider client={queryClient}>
      <AllotProvider client={client}>
        <Figures />
      </AllotProvider>
    </QueryClientProvider>
  );
}
