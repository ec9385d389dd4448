import type { EventType } from '@allot/core';

const LABELS: Record<EventType, string> = {
  allocation: 'Allocation',
  revocation: 'Revocation',
  usage: 'Usage',
  refund: 'Refund',
  rollover: 'Rollover',
  request_submitted: 'Request',
  request_rejected: 'Rejected',
  request_cancelled: 'Cancelled',
  member_enrolled: 'Enrolled',
  member_removed: 'Removed',
  role_changed: 'Role change',
  organization_created: 'Org created',
  settings_changed: 'Settings',
  period_started: 'New period',
  hold: 'Hold',
  hold_released: 'Hold released',
  top_up: 'Top-up',
};

/** Every event type, for the analytics filter. */
export const EVENT_TYPES = Object.keys(LABELS) as EventType[];

/** The label of an event type. */
export function eventLabel(type: EventType): string {
  return LABELS[type];
}

/** A journal entry's type as a colour-coded badge. */
export function EventBadge({ type }: { type: EventType }) {
  return (
    <span className={`badge event event-${type}`} data-testid="event-badge" data-type={type}>
      {LABELS[type]}
    </span>
  );
}
