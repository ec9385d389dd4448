import { useState } from 'react';
import {
  type DemoOrg,
  type DemoUser,
  useDemoUsers,
  useSignIn,
  useSignOut,
  useSimulateUsage,
} from '../demo-api';
import { navigate, useLinkHandler } from '../router';
import { Dialog } from './dialog';
import { SignUpForm } from './sign-up-form';

const ADMIN_TABS = [
  { path: '/overview', label: 'Overview', testId: 'nav-overview' },
  { path: '/users', label: 'Users', testId: 'nav-users' },
  { path: '/requests', label: 'Credit Requests', testId: 'nav-requests' },
  { path: '/analytics', label: 'Analytics', testId: 'nav-analytics' },
] as const;

function Tab(props: { path: string; label: string; testId: string; current: string }) {
  const onClick = useLinkHandler(props.path);
  const active = props.current === props.path;
  return (
    <a
      href={props.path}
      onClick={onClick}
      className={active ? 'tab active' : 'tab'}
      aria-current={active ? 'page' : undefined}
      data-testid={props.testId}
    >
      {props.label}
    </a>
  );
}

/** The "sign in as" switcher: every person of the demo organization, admins first. */
export function SignInSwitcher({ user }: { user: DemoUser }) {
  const users = useDemoUsers();
  const signIn = useSignIn();
  const people = users.data?.users ?? [user];
  const group = (role: DemoUser['role']) =>
    people
      .filter((p) => p.role === role)
      .map((p) => (
        <option key={p.userId} value={p.userId} title={p.email}>
          {p.name}
        </option>
      ));
  return (
    <label className="switcher">
      <span className="muted small">Signed in as</span>
      <select
        value={user.userId}
        disabled={signIn.isPending}
        data-testid="signin-select"
        onChange={(event) =>
          signIn.mutate(event.target.value, {
            onSuccess: (result) => navigate(result.role === 'admin' ? '/overview' : '/me'),
          })
        }
      >
        <optgroup label="Admins">{group('admin')}</optgroup>
        <optgroup label="Members">{group('member')}</optgroup>
      </select>
    </label>
  );
}

/** The top bar: brand, tabs for the signed-in role, simulate usage, the switcher and sign-up. */
export function Header({ user, org, path }: { user: DemoUser; org: DemoOrg; path: string }) {
  const simulate = useSimulateUsage();
  const signOut = useSignOut();
  const [signingUp, setSigningUp] = useState(false);
  return (
    <header className="topbar">
      <div className="brand">
        <span className="logo">A</span>
        <div>
          <strong>{org.name}</strong>
          <span className="muted small"> · credits</span>
        </div>
      </div>
      <nav className="tabs" aria-label="Dashboard">
        {user.role === 'admin' && ADMIN_TABS.map((tab) => <Tab key={tab.path} {...tab} current={path} />)}
        <Tab path="/me" label="My credits" testId="nav-me" current={path} />
      </nav>
      <div className="actions">
        <button
          type="button"
          onClick={() => simulate.mutate()}
          disabled={simulate.isPending}
          title="Run a few jobs as the host product would: reserve credits (a hold), capture what was used; one job keeps running"
          data-testid="simulate-usage"
        >
          {simulate.isPending ? 'Simulating…' : 'Simulate usage'}
        </button>
        <SignInSwitcher user={user} />
        <button type="button" className="link" onClick={() => setSigningUp(true)} data-testid="open-signup">
          Sign up
        </button>
        <button
          type="button"
          className="link"
          onClick={() => signOut.mutate(undefined, { onSuccess: () => navigate('/') })}
          data-testid="sign-out"
        >
          Sign out
        </button>
      </div>
      {signingUp && (
        <Dialog title={`Join ${org.name}`} onClose={() => setSigningUp(false)}>
          <SignUpForm org={org} onDone={() => setSigningUp(false)} />
        </Dialog>
      )}
    </header>
  );
}
