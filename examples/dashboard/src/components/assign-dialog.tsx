import type { Member } from '@allot/core';
import { useAssign, useOverview } from '@allot/react';
import { type FormEvent, useState } from 'react';
import { credits, signed } from '../format';
import { Dialog } from './dialog';
import { ErrorNote } from './error-note';

/** Sets a member's total allocation (it sets, it does not add); the pool check's error shows here. */
export function AssignDialog({ member, onClose }: { member: Member; onClose: () => void }) {
  const [total, setTotal] = useState(String(member.allocated));
  const assign = useAssign({ onSuccess: onClose });
  const overview = useOverview();
  const value = Number(total);
  const valid = total.trim() !== '' && Number.isSafeInteger(value) && value >= 0;
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (valid) assign.mutate({ userId: member.userId, total: value });
  };
  return (
    <Dialog title={`Assign credits to ${member.name}`} onClose={onClose} testId="assign-dialog">
      <form className="stack" onSubmit={submit}>
        <p className="muted">
          Currently allocated <strong>{credits(member.allocated)}</strong>, used {credits(member.used)}.
          {overview.data && <> The pool has {credits(overview.data.unallocated)} unallocated credits.</>}
        </p>
        <label>
          New total allocation
          <input
            type="number"
            min={0}
            step={1}
            value={total}
            onChange={(e) => setTotal(e.target.value)}
            autoFocus
            data-testid="assign-total"
          />
        </label>
        {valid && value !== member.allocated && (
          <p className="small muted" data-testid="assign-delta">
            Change: {signed(value - member.allocated)} credits
          </p>
        )}
        <ErrorNote error={assign.error} testId="dialog-error" />
        <div className="row end">
          <button type="button" onClick={onClose}>
            Cancel
          </button>
          <button
            type="submit"
            className="primary"
            disabled={!valid || assign.isPending}
            data-testid="assign-submit"
          >
            {assign.isPending ? 'Saving…' : 'Set allocation'}
          </button>
        </div>
      </form>
    </Dialog>
  );
}
