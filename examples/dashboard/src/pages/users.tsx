import type { Member } from '@allot/core';
import { useHolds, useMembers, useRelease } from '@allot/react';
import { useMemo, useState } from 'react';
import { AlertBadge } from '../components/alert-badge';
import { AssignDialog } from '../components/assign-dialog';
import { ErrorNote } from '../components/error-note';
import { HoldList } from '../components/hold-list';
import { RevokeDialog } from '../components/revoke-dialog';
import { RoleBadge } from '../components/role-badge';
import type { DemoUser } from '../demo-api';
import { credits } from '../format';

const PAGE_SIZE = 25;

export function UsersPage(_: { user: DemoUser }) {
  const [search, setSearch] = useState('');
  const [offset, setOffset] = useState(0);
  const [dialog, setDialog] = useState<{ kind: 'assign' | 'revoke'; member: Member } | null>(null);
  const members = useMembers({ search: search.trim() || undefined, limit: PAGE_SIZE, offset });
  const page = members.data;
  return (
    <div className="page" data-testid="page-users">
      <div className="page-head row">
        <h1>Users</h1>
        <input
          type="search"
          placeholder="Search name or email"
          value={search}
          onChange={(e) => {
            setSearch(e.target.value);
            setOffset(0);
          }}
          data-testid="users-search"
        />
      </div>
      <ErrorNote error={members.error} />
      <section className="panel flush">
        <table className="table" data-testid="users-table">
          <thead>
            <tr>
              <th>User</th>
              <th>Role</th>
              <th className="num">Allocated</th>
              <th className="num">Used</th>
              <th className="num">Held</th>
              <th className="num">Remaining</th>
              <th className="actions-col">Actions</th>
            </tr>
          </thead>
          <tbody>
            {(page?.items ?? []).map((member) => (
              <tr key={member.userId} data-testid="member-row" data-user-id={member.userId}>
                <td>
                  <strong>{member.name}</strong> <AlertBadge alerts={member.alerts} />
                  <div className="muted small">{member.email}</div>
                </td>
                <td>
                  <RoleBadge role={member.role} />
                </td>
                <td className="num" data-testid="allocated">
                  {credits(member.allocated)}
                </td>
                <td className="num" data-testid="used">
                  {credits(member.used)}
                </td>
                <td className={member.held > 0 ? 'num held' : 'num muted'} data-testid="held">
                  {credits(member.held)}
                </td>
                <td className="num" data-testid="remaining">
                  <RemainingCell member={member} />
                </td>
                <td className="actions-col">
                  <button
                    type="button"
                    onClick={() => setDialog({ kind: 'assign', member })}
                    data-testid="assign-button"
                  >
                    Assign
                  </button>
                  <button
                    type="button"
                    className="subtle-danger"
                    onClick={() => setDialog({ kind: 'revoke', member })}
                    disabled={member.remaining === 0}
                    data-testid="revoke-button"
                  >
                    Revoke
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {page && page.items.length === 0 && <p className="empty">No one matches “{search}”.</p>}
      </section>
      {page && page.total > PAGE_SIZE && (
        <div className="row pager">
          <button
            type="button"
            disabled={offset === 0}
            onClick={() => setOffset(Math.max(0, offset - PAGE_SIZE))}
          >
            Previous
          </button>
          <span className="muted small">
            {offset + 1}–{Math.min(offset + PAGE_SIZE, page.total)} of {page.total}
          </span>
          <button
            type="button"
            disabled={offset + PAGE_SIZE >= page.total}
            onClick={() => setOffset(offset + PAGE_SIZE)}
          >
            Next
          </button>
        </div>
      )}
      <ActiveHolds />
      {dialog?.kind === 'assign' && <AssignDialog member={dialog.member} onClose={() => setDialog(null)} />}
      {dialog?.kind === 'revoke' && <RevokeDialog member={dialog.member} onClose={() => setDialog(null)} />}
    </div>
  );
}

function RemainingCell({ member }: { member: Member }) {
  const share = member.allocated === 0 ? 0 : member.remaining / member.allocated;
  const tone = member.allocated === 0 ? 'none' : share < 0.1 ? 'low' : share < 0.3 ? 'mid' : 'ok';
  return <span className={`remaining remaining-${tone}`}>{credits(member.remaining)}</span>;
}

/** Every member's active holds (jobs still running), with Release for the admin. */
function ActiveHolds() {
  const holds = useHolds({ status: 'active', limit: 100 });
  const members = useMembers({ limit: 500 });
  const release = useRelease();
  const names = useMemo(
    () => new Map((members.data?.items ?? []).map((m) => [m.userId, m.name] as const)),
    [members.data],
  );
  const items = holds.data?.items ?? [];
  return (
    <section className="panel" data-testid="active-holds">
      <h2>Active holds</h2>
      <p className="muted small">
        Credits the product reserved for jobs that have not finished: they count as held, not remaining, until
        the job captures what it used or the hold is released or lapses.
      </p>
      <ErrorNote error={holds.error ?? release.error} />
      {holds.isSuccess && items.length === 0 && (
        <p className="empty" data-testid="holds-empty">
          No credits are held right now.
        </p>
      )}
      <HoldList
        holds={items}
        names={names}
        onRelease={(hold) => release.mutate({ holdId: hold.id })}
        releasing={release.isPending}
      />
    </section>
  );
}
