import type { EventType } from '@allot/core';
import { type LedgerFilterParams, useDownloadCsv, useLedger, useMembers, useSummary } from '@allot/react';
import { useMemo, useState } from 'react';
import { ErrorNote } from '../components/error-note';
import { EVENT_TYPES, eventLabel } from '../components/event-badge';
import { LedgerTable } from '../components/ledger-table';
import { StatCard } from '../components/stat-card';
import type { DemoUser } from '../demo-api';
import { credits, nextDay } from '../format';

const PAGE_SIZE = 15;

export function AnalyticsPage(_: { user: DemoUser }) {
  const [userId, setUserId] = useState('');
  const [type, setType] = useState<EventType | ''>('');
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const filter = useMemo<LedgerFilterParams>(
    () => ({
      userId: userId || undefined,
      type: type ? [type] : undefined,
      from: from || undefined,
      // The end date is inclusive on screen; the API's `to` is exclusive.
      to: to ? nextDay(to) : undefined,
    }),
    [userId, type, from, to],
  );
  const members = useMembers({ limit: 500 });
  const summary = useSummary(filter);
  const ledger = useLedger(filter, { limit: PAGE_SIZE });
  const download = useDownloadCsv();
  const names = useMemo(
    () => new Map((members.data?.items ?? []).map((m) => [m.userId, m.name] as const)),
    [members.data],
  );
  const s = summary.data;
  const filterKey = JSON.stringify(filter);
  return (
    <div className="page" data-testid="page-analytics">
      <div className="page-head row">
        <h1>Analytics</h1>
        <button
          type="button"
          className="primary"
          onClick={() => download.mutate(filter)}
          disabled={download.isPending}
          data-testid="export-csv"
        >
          {download.isPending ? 'Exporting…' : 'Export CSV'}
        </button>
      </div>
      <ErrorNote error={download.error} />
      <div className="cards">
        <StatCard testId="summary-usage" label="Total usage" value={s ? credits(s.usage) : '…'} />
        <StatCard testId="summary-allocated" label="Allocated" value={s ? credits(s.allocated) : '…'} />
        <StatCard testId="summary-revoked" label="Revoked" value={s ? credits(s.revoked) : '…'} />
        <StatCard testId="summary-refunded" label="Refunded" value={s ? credits(s.refunded) : '…'} />
      </div>
      <ErrorNote error={summary.error} />
      <section className="panel filters">
        <label>
          User
          <select value={userId} onChange={(e) => setUserId(e.target.value)} data-testid="filter-user">
            <option value="">Everyone</option>
            {(members.data?.items ?? []).map((m) => (
              <option key={m.userId} value={m.userId}>
                {m.name}
              </option>
            ))}
          </select>
        </label>
        <label>
          Event type
          <select
            value={type}
            onChange={(e) => setType(e.target.value as EventType | '')}
            data-testid="filter-type"
          >
            <option value="">All events</option>
            {EVENT_TYPES.map((t) => (
              <option key={t} value={t}>
                {eventLabel(t)}
              </option>
            ))}
          </select>
        </label>
        <label>
          Start date
          <input
            type="date"
            value={from}
            max={to || undefined}
            onChange={(e) => setFrom(e.target.value)}
            data-testid="filter-from"
          />
        </label>
        <label>
          End date
          <input
            type="date"
            value={to}
            min={from || undefined}
            onChange={(e) => setTo(e.target.value)}
            data-testid="filter-to"
          />
        </label>
        <button
          type="button"
          className="link"
          onClick={() => {
            setUserId('');
            setType('');
            setFrom('');
            setTo('');
          }}
          data-testid="filter-clear"
        >
          Clear filters
        </button>
      </section>
      <section className="panel flush">
        <LedgerTable key={filterKey} ledger={ledger} names={names} testId="analytics-ledger" />
      </section>
    </div>
  );
}
