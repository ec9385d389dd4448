import { useEffect, useState } from 'react';
import { ErrorNote } from './components/error-note';
import { Header } from './components/header';
import { SignInScreen } from './components/sign-in-screen';
import { type DemoOrg, type DemoUser, useSession } from './demo-api';
import { AnalyticsPage } from './pages/analytics';
import { MemberPage } from './pages/member';
import { OverviewPage } from './pages/overview';
import { RequestsPage } from './pages/requests';
import { UsersPage } from './pages/users';
import { ADMIN_PATHS, MEMBER_PATH, navigate, usePath } from './router';

const PAGES = {
  '/overview': OverviewPage,
  '/users': UsersPage,
  '/requests': RequestsPage,
  '/analytics': AnalyticsPage,
  '/me': MemberPage,
} as const;

type PagePath = keyof typeof PAGES;

function isAdminPath(path: string): path is (typeof ADMIN_PATHS)[number] {
  return (ADMIN_PATHS as readonly string[]).includes(path);
}

/** Where a path leads for this person: admin pages are for admins; anything unknown goes home. */
function resolve(path: string, isAdmin: boolean): { page: PagePath; denied: boolean } {
  if (isAdminPath(path)) return isAdmin ? { page: path, denied: false } : { page: MEMBER_PATH, denied: true };
  if (path === MEMBER_PATH) return { page: MEMBER_PATH, denied: false };
  return { page: isAdmin ? '/overview' : MEMBER_PATH, denied: false };
}

export function App() {
  const session = useSession();
  const path = usePath();
  if (session.isPending) return <p className="loading">Loading…</p>;
  if (session.isError) return <ErrorNote error={session.error} />;
  const { user, org } = session.data;
  if (!user) return <SignInScreen org={org} />;
  return <Shell key={user.userId} user={user} org={org} path={path} />;
}

function Shell({ user, org, path }: { user: DemoUser; org: DemoOrg; path: string }) {
  const { page, denied } = resolve(path, user.role === 'admin');
  const [deniedFrom, setDeniedFrom] = useState<string | null>(null);
  useEffect(() => {
    if (page === path) return;
    if (denied) setDeniedFrom(path);
    navigate(page, { replace: true });
  }, [page, path, denied]);
  useEffect(() => {
    // Leaving the member view for a page this person may open clears the notice.
    if (page === path && path !== MEMBER_PATH) setDeniedFrom(null);
  }, [page, path]);
  const Page = PAGES[page];
  return (
    <div className="app">
      <Header user={user} org={org} path={page} />
      <main className="content">
        {deniedFrom && (
          <p className="notice" role="status" data-testid="access-notice">
            The admin dashboard ({deniedFrom}) is for {org.name} admins — here are your own credits.
          </p>
        )}
        <Page user={user} />
      </main>
    </div>
  );
}
