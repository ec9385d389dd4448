import type { Member } from '@allot/core';
import { useAssign, useOverview } from '@allot/react';
import { type FormEvent, useState } from 'react';
import { credits, signed } from '../format';
import { CreditsField, wholeCredits } from './credits-field';
import { Dialog, DialogActions } from './dialog';

/** Sets a member's total allocation (it sets, it does not add); the pool check's error shows here. */
export function AssignDialog({ member, onClose }: { member: Member; onClose: () => void }) {
  const [total, setTotal] = useState(String(member.allocated));
  const assign = useAssign({ onSuccess: onClose });
  const overview = useOverview();
  const value = wholeCredits(total, 0);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (value !== null) assign.mutate({ userId: member.userId, total: value });
  };
  return (
    <Dialog title={`Assign credits to ${member.name}`} onClose={onClose} testId="assign-dialog">
      <form className="stack" onSubmit={submit}>
        <p className="muted">
          Currently allocated <strong>{credits(member.allocated)}</strong>, used {credits(member.used)}.
          {overview.data && <> The pool has {credits(overview.data.unallocated)} unallocated credits.</>}
        </p>
        <CreditsField
          label="New total allocation"
          value={total}
          onChange={setTotal}
          min={0}
          autoFocus
          testId="assign-total"
        />
        {value !== null && value !== member.allocated && (
          <p className="small muted" data-testid="assign-delta">
            Change: {signed(value - member.allocated)} credits
          </p>
        )}
        <DialogActions
          error={assign.error}
          onCancel={onClose}
          label="Set allocation"
          pendingLabel="Saving…"
          pending={assign.isPending}
          disabled={value === null}
          testId="assign-submit"
        />
      </form>
    </Dialog>
  );
}
