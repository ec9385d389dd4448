import type { Overview } from '@allot/core';
import { credits } from '../format';

/** The pool alerts firing now (usage reached the yellow or red line), the most severe one shown. */
export function PoolAlerts({ overview }: { overview: Overview }) {
  const threshold = overview.alerts.includes('red')
    ? 'red'
    : overview.alerts.includes('yellow')
      ? 'yellow'
      : null;
  if (!threshold) return null;
  return (
    <p
      className={`notice pool-alert pool-alert-${threshold}`}
      role="status"
      data-testid="pool-alert"
      data-threshold={threshold}
    >
      <strong>Pool alert:</strong> {overview.usagePercent.toFixed(1)}% of this period’s pool is used (
      {credits(overview.used)} of {credits(overview.pool)}) — past the {threshold} line at{' '}
      {overview.thresholds[threshold]}%.
    </p>
  );
}
