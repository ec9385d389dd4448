import { allotKeys } from '@allot/react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';

/**
 * The demo's own endpoints (sign in as, sign up, simulate usage). They stand in for the host
 * app's authentication and metering; everything Allot shows goes through `@allot/react`.
 */
export interface DemoUser {
  userId: string;
  name: string;
  email: string;
  role: 'admin' | 'member';
}

export interface DemoOrg {
  id: string;
  name: string;
  domain: string;
}

export interface SessionInfo {
  org: DemoOrg;
  user: DemoUser | null;
}

const demoKeys = {
  session: ['demo', 'session'] as const,
  users: ['demo', 'users'] as const,
};

async function call<T>(path: string, init?: { method: 'POST'; body?: unknown }): Promise<T> {
  const response = await fetch(`/api/demo${path}`, {
    method: init?.method ?? 'GET',
    headers: init?.body === undefined ? undefined : { 'content-type': 'application/json' },
    body: init?.body === undefined ? undefined : JSON.stringify(init.body),
  });
  if (!response.ok) {
    const problem = (await response.json().catch(() => null)) as { detail?: string } | null;
    throw new Error(problem?.detail ?? `The demo server answered ${response.status}.`);
  }
  return response.status === 204 ? (undefined as T) : ((await response.json()) as T);
}

/** Who is signed in (null when nobody). */
export function useSession() {
  return useQuery({
    queryKey: demoKeys.session,
    queryFn: () => call<SessionInfo>('/session'),
    staleTime: Infinity,
  });
}

/** Everyone in the demo organization, for the "sign in as" switcher. */
export function useDemoUsers() {
  return useQuery({
    queryKey: demoKeys.users,
    queryFn: () => call<{ org: DemoOrg; users: DemoUser[] }>('/users'),
  });
}

/** After the signed-in person changes, nothing cached for the previous one may show. */
function useSwitchUser() {
  const queryClient = useQueryClient();
  return async () => {
    queryClient.removeQueries({ queryKey: allotKeys.all });
    await queryClient.invalidateQueries({ queryKey: ['demo'] });
  };
}

export function useSignIn() {
  const switchUser = useSwitchUser();
  return useMutation({
    mutationFn: (userId: string) =>
      call<{ userId: string; role: string }>('/sign-in', { method: 'POST', body: { userId } }),
    onSuccess: switchUser,
  });
}

export function useSignOut() {
  const switchUser = useSwitchUser();
  return useMutation({
    mutationFn: () => call<void>('/sign-out', { method: 'POST' }),
    onSuccess: switchUser,
  });
}

/** The host app's sign-up: Allot enrolls people with the company's email domain (zero credits). */
export function useSignUp() {
  const switchUser = useSwitchUser();
  return useMutation({
    mutationFn: (input: { name: string; email: string }) =>
      call<{ outcome: string }>('/sign-up', { method: 'POST', body: input }),
    onSuccess: switchUser,
  });
}

/** The host product spending credits: afterwards every Allot figure on screen is refreshed. */
export function useSimulateUsage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: () =>
      call<{ usages: number; credits: number; refunds: number; running: number }>('/simulate-usage', {
        method: 'POST',
      }),
    onSuccess: () => queryClient.invalidateQueries({ queryKey: allotKeys.all }),
  });
}
