import { useLedger, useMembers, useOverview } from '@allot/react';
import { useMemo, useState } from 'react';
import { ErrorNote } from '../components/error-note';
import { EventBadge } from '../components/event-badge';
import { PoolAlerts } from '../components/pool-alerts';
import { StatCard } from '../components/stat-card';
import { TopUpDialog } from '../components/top-up-dialog';
import { UsageBar } from '../components/usage-bar';
import type { DemoUser } from '../demo-api';
import { credits, dateTime, day, daysUntil, lastDayOf, signed } from '../format';
import { useLinkHandler } from '../router';

export function OverviewPage(_: { user: DemoUser }) {
  const overview = useOverview();
  const recent = useLedger({ type: ['usage', 'refund', 'allocation', 'revocation', 'top_up'] }, { limit: 6 });
  const members = useMembers({ limit: 500 });
  const names = useMemo(
    () => new Map((members.data?.items ?? []).map((m) => [m.userId, m.name] as const)),
    [members.data],
  );
  const toRequests = useLinkHandler('/requests');
  const [toppingUp, setToppingUp] = useState(false);
  if (overview.isPending) return <p className="loading">Loading the pool…</p>;
  if (overview.isError) return <ErrorNote error={overview.error} />;
  const o = overview.data;
  return (
    <div className="page" data-testid="page-overview">
      <div className="page-head row">
        <div className="page-head">
          <h1>Overview</h1>
          <p className="muted" data-testid="period-dates">
            Billing period {day(o.period.start)} – {lastDayOf(o.period.end)} · credits reset in{' '}
            {daysUntil(o.period.end)} days ({day(o.period.end)})
          </p>
        </div>
        <button
          type="button"
          className="primary"
          onClick={() => setToppingUp(true)}
          data-testid="top-up-button"
        >
          Top up pool
        </button>
      </div>
      <PoolAlerts overview={o} />
      <div className="cards five">
        <StatCard
          testId="stat-pool"
          label={o.topUps > 0 ? 'Pool this period' : 'Monthly Pool'}
          value={credits(o.pool)}
          hint={
            <>
              {o.topUps > 0 && (
                <span className="block" data-testid="stat-pool-top-ups">
                  {credits(o.monthlyPool)} monthly + {credits(o.topUps)} top-ups
                </span>
              )}
              {credits(o.allocated)} allocated · {credits(o.unallocated)} unallocated
            </>
          }
        />
        <StatCard
          testId="stat-used"
          label="Used"
          value={credits(o.used)}
          hint={`${o.usagePercent.toFixed(1)}% of the pool`}
        />
        <StatCard
          testId="stat-held"
          label="Held"
          value={credits(o.held)}
          hint="reserved by jobs still running"
        />
        <StatCard
          testId="stat-remaining"
          label="Remaining"
          value={credits(o.remaining)}
          hint="until the period resets"
        />
        <StatCard
          testId="stat-users"
          label="Users"
          value={credits(o.memberCount)}
          hint="active members"
          badge={
            o.pendingRequests > 0 ? (
              <a href="/requests" onClick={toRequests} className="badge pending" data-testid="pending-badge">
                {o.pendingRequests} pending
              </a>
            ) : undefined
          }
        />
      </div>
      <section className="panel">
        <UsageBar overview={o} />
      </section>
      <section className="panel">
        <h2>Recent credit movements</h2>
        <ErrorNote error={recent.error} />
        <ul className="activity">
          {(recent.data?.pages[0]?.items ?? []).map((entry) => (
            <li key={entry.id}>
              <EventBadge type={entry.type} />
              <span className="grow">
                {entry.userId ? (names.get(entry.userId) ?? entry.userId) : '—'}{' '}
                <span className="muted small">{entry.description}</span>
              </span>
              <span className={entry.amount < 0 ? 'amount neg' : 'amount pos'}>{signed(entry.amount)}</span>
              <span className="muted small">{dateTime(entry.at)}</span>
            </li>
          ))}
        </ul>
      </section>
      {toppingUp && <TopUpDialog overview={o} onClose={() => setToppingUp(false)} />}
    </div>
  );
}
