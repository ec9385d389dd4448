import { type MouseEvent, useCallback, useSyncExternalStore } from 'react';

/** The pages of the dashboard. */
export const ADMIN_PATHS = ['/overview', '/users', '/requests', '/analytics'] as const;
export const MEMBER_PATH = '/me';

const listeners = new Set<() => void>();

function subscribe(listener: () => void): () => void {
  listeners.add(listener);
  window.addEventListener('popstate', listener);
  return () => {
    listeners.delete(listener);
    window.removeEventListener('popstate', listener);
  };
}

/** Moves to a path of the single-page app (pushState, or replaceState with `replace`). */
export function navigate(path: string, options: { replace?: boolean } = {}): void {
  if (path === window.location.pathname) return;
  if (options.replace) window.history.replaceState(null, '', path);
  else window.history.pushState(null, '', path);
  for (const listener of listeners) listener();
}

/** The current path, re-rendering on every navigation. */
export function usePath(): string {
  return useSyncExternalStore(subscribe, () => window.location.pathname);
}

/** A click handler for in-app links that keeps modified clicks (new tab) working. */
export function useLinkHandler(path: string) {
  return useCallback(
    (event: MouseEvent<HTMLAnchorElement>) => {
      if (event.metaKey || event.ctrlKey || event.shiftKey || event.button !== 0) return;
      event.preventDefault();
      navigate(path);
    },
    [path],
  );
}
