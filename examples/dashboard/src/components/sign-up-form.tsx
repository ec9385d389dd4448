import { type FormEvent, useState } from 'react';
import { type DemoOrg, useSignUp } from '../demo-api';
import { navigate } from '../router';
import { ErrorNote } from './error-note';

/** The host app's sign-up form: a company address joins the organization with zero credits. */
export function SignUpForm({ org, onDone }: { org: DemoOrg; onDone?: () => void }) {
  const [name, setName] = useState('');
  const [email, setEmail] = useState('');
  const signUp = useSignUp();
  const submit = (event: FormEvent) => {
    event.preventDefault();
    signUp.mutate(
      { name, email },
      {
        onSuccess: () => {
          navigate('/me');
          onDone?.();
        },
      },
    );
  };
  return (
    <form className="stack" onSubmit={submit} data-testid="signup-form">
      <label>
        Name
        <input value={name} onChange={(e) => setName(e.target.value)} required data-testid="signup-name" />
      </label>
      <label>
        Work email
        <input
          type="email"
          value={email}
          onChange={(e) => setEmail(e.target.value)}
          placeholder={`you@${org.domain}`}
          required
          data-testid="signup-email"
        />
      </label>
      <p className="muted small">
        Addresses at <strong>@{org.domain}</strong> join {org.name} automatically, with zero credits.
      </p>
      <ErrorNote error={signUp.error} testId="signup-error" />
      <button type="submit" className="primary" disabled={signUp.isPending} data-testid="signup-submit">
        Sign up
      </button>
    </form>
  );
}
