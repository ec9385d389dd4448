import {
  useBalance,
  useCancelRequest,
  useMyHolds,
  useMyLedger,
  useMyRequests,
  useSubmitRequest,
} from '@allot/react';
import { type FormEvent, useState } from 'react';
import { CreditsField, wholeCredits } from '../components/credits-field';
import { ErrorNote } from '../components/error-note';
import { HoldList } from '../components/hold-list';
import { LedgerTable } from '../components/ledger-table';
import { StatCard } from '../components/stat-card';
import type { DemoUser } from '../demo-api';
import { credits, dateTime, day, lastDayOf } from '../format';

/**
 * The signed-in person's own page, whatever their role: balance, asking for more credits, their
 * requests, running jobs and history. It reads only the `/me` routes (an admin's `useRequests`
 * and `useHolds` are the whole organization's).
 */
export function MemberPage({ user }: { user: DemoUser }) {
  const balance = useBalance();
  const history = useMyLedger({}, { limit: 10 });
  const b = balance.data;
  return (
    <div className="page" data-testid="page-me">
      <div className="page-head">
        <h1>My credits</h1>
        <p className="muted">
          {user.name} · {user.email}
          {b && (
            <>
              {' '}
              · period {day(b.period.start)} – {lastDayOf(b.period.end)}
            </>
          )}
        </p>
      </div>
      <ErrorNote error={balance.error} />
      <div className="cards">
        <StatCard testId="balance-allocated" label="Allocated" value={b ? credits(b.allocated) : '…'} />
        <StatCard testId="balance-used" label="Used" value={b ? credits(b.used) : '…'} />
        <StatCard
          testId="balance-held"
          label="Held"
          value={b ? credits(b.held) : '…'}
          hint="reserved by jobs still running"
        />
        <StatCard
          testId="balance-remaining"
          label="Remaining"
          value={b ? credits(b.remaining) : '…'}
          hint={b ? `resets ${day(b.period.end)}` : undefined}
        />
      </div>
      <div className="columns">
        <section className="panel">
          <h2>Request more credits</h2>
          <RequestForm />
        </section>
        <section className="panel">
          <h2>My requests</h2>
          <MyRequests />
        </section>
      </div>
      <MyHolds />
      <section className="panel flush">
        <h2 className="pad">My history</h2>
        <LedgerTable ledger={history} testId="my-ledger" />
      </section>
    </div>
  );
}

/** The signed-in person's own jobs still holding credits (shown only while there are any). */
function MyHolds() {
  const holds = useMyHolds({ status: 'active' });
  const items = holds.data?.items ?? [];
  if (items.length === 0 && !holds.error) return null;
  return (
    <section className="panel" data-testid="my-holds">
      <h2>Jobs holding credits</h2>
      <ErrorNote error={holds.error} />
      <HoldList holds={items} testId="my-hold-list" />
    </section>
  );
}

function RequestForm() {
  const [amount, setAmount] = useState('');
  const [message, setMessage] = useState('');
  const [sent, setSent] = useState<number | null>(null);
  const submit = useSubmitRequest({
    onSuccess: (request) => {
      setSent(request.amount);
      setAmount('');
      setMessage('');
    },
  });
  const value = wholeCredits(amount, 1);
  const onSubmit = (event: FormEvent) => {
    event.preventDefault();
    setSent(null);
    if (value !== null) submit.mutate({ amount: value, message: message.trim() || undefined });
  };
  return (
    <form className="stack" onSubmit={onSubmit} data-testid="request-form">
      <CreditsField
        label="Credits"
        value={amount}
        onChange={setAmount}
        min={1}
        testId="request-amount-input"
      />
      <label>
        Message for your admins
        <textarea
          rows={3}
          maxLength={1000}
          value={message}
          onChange={(e) => setMessage(e.target.value)}
          placeholder="What are the credits for?"
          data-testid="request-message-input"
        />
      </label>
      <ErrorNote error={submit.error} testId="request-form-error" />
      {sent !== null && (
        <p className="success" role="status" data-testid="request-sent">
          Request for {credits(sent)} credits sent — an admin will review it.
        </p>
      )}
      <button
        type="submit"
        className="primary"
        disabled={value === null || submit.isPending}
        data-testid="request-submit"
      >
        Send request
      </button>
    </form>
  );
}

function MyRequests() {
  const requests = useMyRequests('all', { limit: 10 });
  const cancel = useCancelRequest();
  const items = requests.data?.items ?? [];
  return (
    <div>
      <ErrorNote error={requests.error ?? cancel.error} />
      {requests.isSuccess && items.length === 0 && (
        <p className="empty">You have not asked for credits yet.</p>
      )}
      <ul className="my-requests" data-testid="my-requests">
        {items.map((request) => (
          <li key={request.id} data-testid="my-request" data-request-id={request.id}>
            <span className="grow">
              <strong>{credits(request.amount)}</strong> credits
              {request.grantedAmount !== null && request.grantedAmount !== request.amount && (
                <> (granted {credits(request.grantedAmount)})</>
              )}
              <span className="muted small"> · {dateTime(request.createdAt)}</span>
              {request.message && <div className="muted small">{request.message}</div>}
            </span>
            <span className={`badge status status-${request.status}`} data-testid="my-request-status">
              {request.status}
            </span>
            {request.status === 'pending' && (
              <button
                type="button"
                className="link"
                onClick={() => cancel.mutate({ requestId: request.id })}
                disabled={cancel.isPending}
                data-testid="cancel-request"
              >
                Cancel
              </button>
            )}
          </li>
        ))}
      </ul>
    </div>
  );
}
