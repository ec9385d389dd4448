import type { MemberAlertThreshold } from '@allot/core';

const TITLES: Record<MemberAlertThreshold, string> = {
  remaining_below: 'Remaining credits are below the alert line (credits)',
  remaining_below_percent: 'Remaining credits are below the alert line (% of the allocation)',
};

/** A member's active low-credit alerts as one badge; nothing when none is firing. */
export function AlertBadge({ alerts }: { alerts: readonly MemberAlertThreshold[] }) {
  if (alerts.length === 0) return null;
  return (
    <span
      className="badge alert"
      title={alerts.map((a) => TITLES[a]).join('\n')}
      data-testid="alert-badge"
      data-alerts={alerts.join(' ')}
    >
      Low credits
    </span>
  );
}
