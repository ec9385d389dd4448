import { type DemoOrg, type DemoUser, useDemoUsers, useSignIn } from '../demo-api';
import { navigate } from '../router';
import { ErrorNote } from './error-note';
import { RoleBadge } from './role-badge';
import { SignUpForm } from './sign-up-form';

/** Shown to a visitor nobody is signed in as: pick a person of the demo org, or sign up. */
export function SignInScreen({ org }: { org: DemoOrg }) {
  const users = useDemoUsers();
  const signIn = useSignIn();
  const choose = (person: DemoUser) =>
    signIn.mutate(person.userId, {
      onSuccess: () => navigate(person.role === 'admin' ? '/overview' : '/me'),
    });
  return (
    <main className="signin">
      <section className="panel">
        <h1>Sign in to {org.name}</h1>
        <p className="muted">
          This is a demo: pick anyone to act as them. Admins manage the pool; members see their own credits.
        </p>
        <ErrorNote error={signIn.error ?? users.error} />
        <ul className="people" data-testid="people">
          {(users.data?.users ?? []).map((person) => (
            <li key={person.userId}>
              <button type="button" onClick={() => choose(person)} data-testid={`signin-${person.userId}`}>
                <span>
                  <strong>{person.name}</strong>
                  <span className="muted small">{person.email}</span>
                </span>
                <RoleBadge role={person.role} />
              </button>
            </li>
          ))}
        </ul>
      </section>
      <section className="panel narrow">
        <h2>New here?</h2>
        <SignUpForm org={org} />
      </section>
    </main>
  );
}
