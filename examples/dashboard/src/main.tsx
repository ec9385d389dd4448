import { AllotProvider, createAllotClient } from '@allot/react';
import { QueryClient, QueryClientProvider } from '@tanstack/react-query';
import { StrictMode } from 'react';
import { createRoot } from 'react-dom/client';
import { App } from './app';
import './styles.css';

const queryClient = new QueryClient({
  defaultOptions: { queries: { staleTime: 5_000, retry: 1, refetchOnWindowFocus: false } },
});
// Same origin: the demo session cookie identifies the caller to the Allot router.
const allotClient = createAllotClient({ baseUrl: '/api/allot' });

createRoot(document.getElementById('root')!).render(
  <StrictMode>
    <QueryClientProvider client={queryClient}>
      <AllotProvider client={allotClient}>
        <App />
      </AllotProvider>
    </QueryClientProvider>
  </StrictMode>,
);
