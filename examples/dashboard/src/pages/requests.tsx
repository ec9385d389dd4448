import { useRequests } from '@allot/react';
import { useState } from 'react';
import { ErrorNote } from '../components/error-note';
import { RequestCard } from '../components/request-card';
import type { DemoUser } from '../demo-api';

export function RequestsPage(_: { user: DemoUser }) {
  const [filter, setFilter] = useState<'pending' | 'all'>('pending');
  const requests = useRequests(filter);
  const items = requests.data?.items ?? [];
  return (
    <div className="page" data-testid="page-requests">
      <div className="page-head row">
        <h1>Credit Requests</h1>
        <fieldset className="segmented" aria-label="Filter requests">
          <button
            type="button"
            className={filter === 'pending' ? 'active' : ''}
            aria-pressed={filter === 'pending'}
            onClick={() => setFilter('pending')}
            data-testid="filter-pending"
          >
            Pending
          </button>
          <button
            type="button"
            className={filter === 'all' ? 'active' : ''}
            aria-pressed={filter === 'all'}
            onClick={() => setFilter('all')}
            data-testid="filter-all"
          >
            All
          </button>
        </fieldset>
      </div>
      <ErrorNote error={requests.error} />
      {requests.isSuccess && items.length === 0 && (
        <p className="empty" data-testid="requests-empty">
          {filter === 'pending' ? 'No pending requests — all caught up.' : 'No credit requests yet.'}
        </p>
      )}
      <div className="grid" data-testid="requests-list">
        {items.map((request) => (
          <RequestCard key={request.id} request={request} />
        ))}
      </div>
    </div>
  );
}
