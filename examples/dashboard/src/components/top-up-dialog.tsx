import type { Overview } from '@allot/core';
import { useTopUp } from '@allot/react';
import { type FormEvent, useState } from 'react';
import { credits } from '../format';
import { Dialog } from './dialog';
import { ErrorNote } from './error-note';

/** Adds credits to this period's pool on top of the monthly pool (they lapse at the next rollover). */
export function TopUpDialog({ overview, onClose }: { overview: Overview; onClose: () => void }) {
  const [amount, setAmount] = useState('');
  const [reason, setReason] = useState('');
  const topUp = useTopUp({ onSuccess: onClose });
  const value = Number(amount);
  const valid = amount.trim() !== '' && Number.isSafeInteger(value) && value > 0;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid) topUp.mutate({ amount: value, reason: reason.trim() || undefined });
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
        <label>
          Credits to add
          <input
            type="number"
            min={1}
            step={1}
            value={amount}
            onChange={(e) => setAmount(e.target.value)}
            autoFocus
            data-testid="top-up-amount"
          />
        </label>
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
        {valid && (
          <p className="small muted" data-testid="top-up-preview">
            The pool becomes {credits(overview.pool + value)} credits.
          </p>
        )}
        <ErrorNote error={topUp.error} testId="dialog-error" />
        <div className="row end">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="primary"
            disabled={!valid || topUp.isPending}
            data-testid="top-up-submit"
          >
            {topUp.isPending ? 'Adding…' : 'Top up'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
