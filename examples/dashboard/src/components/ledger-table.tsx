import type { JournalEntry } from '@allot/core';
import type { LedgerQueryResult } from '@allot/react';
import { useState } from 'react';
import { dateTime, signed } from '../format';
import { ErrorNote } from './error-note';
import { EventBadge } from './event-badge';

/**
 * The ledger as a table (date, user, event, signed amount, balance after, description), one
 * cursor page at a time: Next loads the following page through the infinite query.
 */
export function LedgerTable(props: {
  ledger: LedgerQueryResult;
  /** Display names by user id; the user column is left out when absent. */
  names?: Map<string, string>;
  testId?: string;
}) {
  const { ledger, names } = props;
  const [index, setIndex] = useState(0);
  const pages = ledger.data?.pages ?? [];
  const page = pages[Math.min(index, Math.max(0, pages.length - 1))];
  const rows: JournalEntry[] = page?.items ?? [];
  const hasNext = index + 1 < pages.length || ledger.hasNextPage;
  const next = async () => {
    if (index + 1 >= pages.length) await ledger.fetchNextPage();
    setIndex(index + 1);
  };
  return (
    <div data-testid={props.testId ?? 'ledger'}>
      <ErrorNote error={ledger.error} />
      <table className="table">
        <thead>
          <tr>
            <th>Date</th>
            {names && <th>User</th>}
            <th>Event</th>
            <th className="num">Amount</th>
            <th className="num">Balance after</th>
            <th>Description</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((entry) => (
            <tr
              key={entry.id}
              data-testid="ledger-row"
              data-entry-id={entry.id}
              data-user-id={entry.userId ?? ''}
              data-at={entry.at}
            >
              <td className="nowrap">{dateTime(entry.at)}</td>
              {names && <td>{entry.userId ? (names.get(entry.userId) ?? entry.userId) : '—'}</td>}
              <td>
                <EventBadge type={entry.type} />
              </td>
              <td
                className={`num amount ${entry.amount < 0 ? 'neg' : entry.amount > 0 ? 'pos' : ''}`}
                data-testid="amount"
              >
                {signed(entry.amount)}
              </td>
              <td className="num">
                {entry.balanceAfter === null ? '—' : entry.balanceAfter.toLocaleString('en-US')}
              </td>
              <td className="muted">{entry.description}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {ledger.isSuccess && rows.length === 0 && <p className="empty">No entries match these filters.</p>}
      <div className="row pager">
        <button
          type="button"
          disabled={index === 0}
          onClick={() => setIndex(index - 1)}
          data-testid="ledger-prev"
        >
          Previous
        </button>
        <span className="muted small" data-testid="ledger-page">
          Page {index + 1}
        </span>
        <button
          type="button"
          disabled={!hasNext || ledger.isFetchingNextPage}
          onClick={() => void next()}
          data-testid="ledger-next"
        >
          {ledger.isFetchingNextPage ? 'Loading…' : 'Next'}
        </button>
      </div>
    </div>
  );
}
