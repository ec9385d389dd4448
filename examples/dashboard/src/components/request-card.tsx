import type { CreditRequest } from '@allot/core';
import { useApproveRequest, useRejectRequest } from '@allot/react';
import { useState } from 'react';
import { credits, dateTime } from '../format';
import { ErrorNote } from './error-note';

/** One credit request: who, how much, why, when, its status; Approve / Reject while pending. */
export function RequestCard({ request }: { request: CreditRequest }) {
  const approve = useApproveRequest();
  const reject = useRejectRequest();
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState('');
  const busy = approve.isPending || reject.isPending;
  return (
    <article
      className={`card request request-${request.status}`}
      data-testid="request-card"
      data-request-id={request.id}
    >
      <header className="row">
        <div className="grow">
          <strong data-testid="request-name">{request.userName}</strong>
          <div className="muted small">{request.userEmail}</div>
        </div>
        <span className={`badge status status-${request.status}`} data-testid="request-status">
          {request.status}
        </span>
      </header>
      <p className="request-amount">
        <span data-testid="request-amount">{credits(request.amount)}</span>{' '}
        <span className="muted small">credits</span>
      </p>
      {request.message ? (
        <blockquote data-testid="request-message">{request.message}</blockquote>
      ) : (
        <p className="muted small">No message.</p>
      )}
      <p className="muted small">
        Requested {dateTime(request.createdAt)}
        {request.decidedAt && (
          <>
            {' '}
            · {request.status} {dateTime(request.decidedAt)}
          </>
        )}
        {request.status === 'approved' &&
          request.grantedAmount !== null &&
          request.grantedAmount !== request.amount && <> · granted {credits(request.grantedAmount)}</>}
      </p>
      {request.reason && <p className="small">Reason: {request.reason}</p>}
      <ErrorNote error={approve.error ?? reject.error} testId="request-error" />
      {request.status === 'pending' && !rejecting && (
        <div className="row end">
          <button
            type="button"
            onClick={() => setRejecting(true)}
            disabled={busy}
            data-testid="reject-button"
          >
            Reject
          </button>
          <button
            type="button"
            className="primary"
            onClick={() => approve.mutate({ requestId: request.id })}
            disabled={busy}
            data-testid="approve-button"
          >
            {approve.isPending ? 'Approving…' : `Approve ${credits(request.amount)}`}
          </button>
        </div>
      )}
      {request.status === 'pending' && rejecting && (
        <div className="stack">
          <input
            placeholder="Reason (optional)"
            value={reason}
            onChange={(e) => setReason(e.target.value)}
            data-testid="reject-reason"
          />
          <div className="row end">
            <button type="button" onClick={() => setRejecting(false)}>
              Back
            </button>
            <button
              type="button"
              className="danger"
              disabled={busy}
              onClick={() => reject.mutate({ requestId: request.id, reason: reason.trim() || undefined })}
              data-testid="reject-confirm"
            >
              Reject request
            </button>
          </div>
        </div>
      )}
    </article>
  );
}
