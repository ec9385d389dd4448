import type { OrganizationRecord } from '../port';
import type { Organization } from '../schemas/records';

/**
 * The public settings of a stored organization (without its pool state).
 *
 * @example
 * ```ts
 * const record = await store.getOrganization({ orgId: 'acme' });
 * if (record) toOrganization(record); // its settings, without the pool state
 * ```
 */
export function toOrganization(record: OrganizationRecord): Organization {
  const {
    allocated: _a,
    topUps: _t,
    alerts: _al,
    periodStart: _s,
    periodEnd: _e,
    seq: _q,
    lastHash: _h,
    ...settings
  } = record;
  return settings;
}
