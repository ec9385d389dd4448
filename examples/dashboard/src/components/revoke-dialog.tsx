import type { Member } from '@allot/core';
import { useRevoke } from '@allot/react';
import { type FormEvent, useState } from 'react';
import { credits } from '../format';
import { CreditsField, wholeCredits } from './credits-field';
import { Dialog } from './dialog';
import { ErrorNote } from './error-note';

/** Takes credits back from a member's remaining allocation, after a confirmation step. */
export function RevokeDialog({ member, onClose }: { member: Member; onClose: () => void }) {
  const [amount, setAmount] = useState('');
  const [confirming, setConfirming] = useState(false);
  const revoke = useRevoke({ onSuccess: onClose });
  const value = wholeCredits(amount, 1);
  const next = (event: FormEvent) => {
    event.preventDefault();
    if (value !== null) setConfirming(true);
  };
  return (
    <Dialog title={`Revoke credits from ${member.name}`} onClose={onClose} testId="revoke-dialog">
      {!confirming || value === null ? (
        <form className="stack" onSubmit={next}>
          <p className="muted">
            {member.name} has <strong>{credits(member.remaining)}</strong> credits remaining. Revoked credits
            go back to the pool.
          </p>
          <CreditsField
            label="Credits to revoke"
            value={amount}
            onChange={setAmount}
            min={1}
            autoFocus
            testId="revoke-amount"
          />
          <div className="row end">
            <button type="button" onClick={onClose}>
              Cancel
            </button>
            <button type="submit" className="danger" disabled={value === null} data-testid="revoke-submit">
              Revoke…
            </button>
          </div>
        </form>
      ) : (
        <div className="stack">
          <p data-testid="revoke-question">
            Revoke <strong>{credits(value)}</strong> credits from {member.name}? Their allocation drops from{' '}
            {credits(member.allocated)} to {credits(member.allocated - value)}.
          </p>
          <ErrorNote error={revoke.error} testId="dialog-error" />
          <div className="row end">
            <button type="button" onClick={() => setConfirming(false)}>
              Back
            </button>
            <button
              type="button"
              className="danger"
              disabled={revoke.isPending}
              onClick={() => revoke.mutate({ userId: member.userId, amount: value })}
              data-testid="revoke-confirm"
            >
              {revoke.isPending ? 'Revoking…' : 'Yes, revoke'}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
