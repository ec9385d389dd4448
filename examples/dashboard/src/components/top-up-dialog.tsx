import type { Overview } from '@allot/core';
import { useTopUp } from '@allot/react';
import { type FormEvent, useState } from 'react';
import { credits } from '../format';
import { CreditsField, wholeCredits } from './credits-field';
import { Dialog, DialogActions } from './dialog';

/** Adds credits to this period's pool on top of the monthly pool (they lapse at the next rollover). */
export function TopUpDialog({ overview, onClose }: { overview: Overview; onClose: () => void }) {
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const topUp = useTopUp({ onSuccess: onClose });
  const value = wholeCredits(amount, 1);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value !== null) topUp.mutate({ amount: value, reason: reason.trim() || undefined });
  };
  return (
    <Dialog title="Top up the pool" onClose={onClose} testId="top-up-dialog">
      <form className="stack" onSubmit={submit}>
        <p className="muted">
          This period’s pool is <strong>{credits(overview.pool)}</strong> ({credits(overview.monthlyPool)}{' '}
          monthly
          {overview.topUps > 0 && <> + {credits(overview.topUps)} top-ups</>}). A top-up lasts until the
          period ends; the next one starts from the monthly pool again.
        </p>
        <CreditsField
          label="Credits to add"
          value={amount}
          onChange={setAmount}
          min={1}
          autoFocus
          testId="top-up-amount"
        />
        <label>
          Reason (in the ledger)
          <input
            maxLength={500}
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            placeholder="e.g. Launch week"
            data-testid="top-up-reason"
          />
        </label>
        {value !== null && (
          <p className="small muted" data-testid="top-up-preview">
            The pool becomes {credits(overview.pool + value)} credits.
          </p>
        )}
        <DialogActions
          error={topUp.error}
          onCancel={onClose}
          label="Top up"
          pendingLabel="Adding…"
          pending={topUp.isPending}
          disabled={value === null}
          testId="top-up-submit"
        />
      </form>
    </Dialog>
  );
}
