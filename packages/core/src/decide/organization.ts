import { err, ok, type Result } from 'neverthrow';
import { type AllotError, errors } from '../errors';
import { fingerprint } from '../fingerprint';
import { GENESIS_HASH } from '../journal-chain';
import { periodContaining } from '../period';
import type { MemberRecord, OrganizationRecord } from '../port';
import type { MemberAlerts, RolloverPolicy, Thresholds } from '../schemas/records';
import { safeTotal } from './bounds';
import { type DecisionContext, memberEntry, newMemberRecord, organizationEntry } from './context';
import type { DecisionResult } from './decision';
import { claimableDomains } from './public-domains';

/**
 * A validated `createOrganization` input, defaults applied: what {@link decideCreateOrganization} takes.
 *
 * @example
 * ```ts
 * const input: NewOrganization = {
 *   name: 'Acme', domains: ['acme.com'], monthlyPool: 10_000, periodAnchorDay: 1,
 *   thresholds: { yellow: 70, red: 90 }, rolloverPolicy: 'carry', defaultAllocation: 0,
 *   memberAlerts: { remainingBelow: null, remainingBelowPercent: 10 },
 *   admins: [{ userId: 'ada', email: 'ada@acme.com', name: 'Ada' }],
 * };
 * ```
 */
export interface NewOrganization {
  id?: string | undefined;
  name: string;
  domains: string[];
  monthlyPool: number;
  periodAnchorDay: number;
  thresholds: Thresholds;
  rolloverPolicy: RolloverPolicy;
  defaultAllocation: number;
  memberAlerts: MemberAlerts;
  admins: { userId: string; email: string; name: string }[];
}

/**
 * The settings an update may change; fields left out stay as they are.
 *
 * @example
 * ```ts
 * const patch: SettingsPatch = { monthlyPool: 20_000, thresholds: { yellow: 60, red: 85 } };
 * ```
 */
export type SettingsPatch = Partial<Omit<NewOrganization, 'id' | 'admins'>>;

function uniqueDomains(domains: string[]): string[] {
  return [...new Set(domains)];
}

/** The patch's fields that are set, domains de-duplicated. */
function definedFields(patch: SettingsPatch): SettingsPatch {
  const defined = Object.fromEntries(
    Object.entries(patch).filter(([, v]) => v !== undefined),
  ) as SettingsPatch;
  if (defined.domains) defined.domains = uniqueDomains(defined.domains);
  return defined;
}

/**
 * The settings `patch` would really change on `org`, sorted: fields left out or set to their
 * current value are not changes. Who may make them is decided on this list
 * (`authorizeSettingsChange`), so resending an unchanged monthly pool is no pool change.
 *
 * @example
 * ```ts
 * changedSettings(org, { monthlyPool: org.monthlyPool, name: 'Acme Corp' }); // ['name']
 * ```
 */
export function changedSettings(org: OrganizationRecord, patch: SettingsPatch): (keyof SettingsPatch)[] {
  const defined = definedFields(patch);
  return (Object.keys(defined) as (keyof SettingsPatch)[])
    .filter((key) => fingerprint(defined[key]) !== fingerprint(org[key]))
    .sort();
}

/**
 * What the store holds that a new organization or new domains could clash with: whether the
 * requested id is taken, and which organization (if any) claims each requested domain.
 *
 * @example
 * ```ts
 * const claims: Claims = { idTaken: false, owners: [{ domain: 'acme.com', orgId: null }] };
 * ```
 */
export interface Claims {
  idTaken: boolean;
  owners: readonly { domain: string; orgId: string | null }[];
}

const NO_CLAIMS: Claims = { idTaken: false, owners: [] };

/** `conflict` for the first domain `owners` shows claimed by an organization other than `orgId`. */
function domainsFree(owners: Claims['owners'], orgId: string | null): Result<void, AllotError> {
  const taken = owners.find((o) => o.orgId !== null && o.orgId !== orgId);
  return taken
    ? err(errors.conflict(`The domain ${taken.domain} belongs to another organization.`))
    : ok(undefined);
}

/**
 * Creates an organization, its first billing period and its first admins.
 *
 * Pure: it reads and writes nothing. The service loads the records under lock in one store
 * transaction, calls it, and writes `changes` with `tx.write`.
 * Err `conflict` when `claims` shows the id taken; `validation` (on `domains`) when a domain is a
 * public email provider's (gmail.com, …), or when two admins share a userId; `conflict` when
 * another organization claims a domain.
 *
 * @example
 * ```ts
 * const decision = decideCreateOrganization(input, ctx, { idTaken: false, owners: [] });
 * decision.map(({ result }) => result.periodEnd); // the end of the first billing period
 * ```
 */
export function decideCreateOrganization(
  input: NewOrganization,
  ctx: DecisionContext,
  claims: Claims = NO_CLAIMS,
): DecisionResult<OrganizationRecord> {
  if (claims.idTaken) return err(errors.conflict(`An organization with id "${input.id}" already exists.`));
  const claimable = claimableDomains(input.domains);
  if (claimable.isErr()) return err(claimable.error);
  const userIds = new Set(input.admins.map((a) => a.userId));
  if (userIds.size !== input.admins.length) {
    return err(
      errors.validation('Each admin must have a different userId.', [
        { path: 'admins', message: 'userIds must be unique', code: 'custom' },
      ]),
    );
  }
  const period = periodContaining(new Date(ctx.now), input.periodAnchorDay);
  const draft: OrganizationRecord = {
    id: input.id ?? ctx.newId(),
    name: input.name,
    domains: uniqueDomains(input.domains),
    monthlyPool: input.monthlyPool,
    periodAnchorDay: input.periodAnchorDay,
    thresholds: input.thresholds,
    rolloverPolicy: input.rolloverPolicy,
    defaultAllocation: input.defaultAllocation,
    memberAlerts: input.memberAlerts,
    allocated: 0,
    topUps: 0,
    alerts: {},
    periodStart: period.start,
    periodEnd: period.end,
    seq: 0,
    lastHash: GENESIS_HASH,
    createdAt: ctx.now,
    updatedAt: ctx.now,
  };
  const [organization, created] = organizationEntry(
    draft,
    { type: 'organization_created', description: `Organization ${input.name} created` },
    ctx,
  );
  const members: MemberRecord[] = [];
  const journal = [created];
  for (const admin of input.admins) {
    const [member, entry] = memberEntry(
      newMemberRecord(
        { orgId: organization.id, userId: admin.userId, email: admin.email, name: admin.name, role: 'admin' },
        ctx,
      ),
      { type: 'member_enrolled', amount: 0, description: `${admin.email} joined as admin` },
      ctx,
    );
    members.push(member);
    journal.push(entry);
  }
  const free = domainsFree(claims.owners, null);
  if (free.isErr()) return err(free.error);
  return ok({ changes: { organization, members, journal }, result: organization });
}

/**
 * Updates settings. The monthly pool cannot drop below what is already allocated this period;
 * a new anchor day takes effect from the next period.
 *
 * Pure: it reads and writes nothing. The service loads the records under lock in one store
 * transaction, calls it, and writes `changes` with `tx.write`.
 * Err `insufficient_pool` when the new monthly pool is below what is allocated; `validation` (on
 * `monthlyPool`) when the pool (monthly pool + top-ups) would pass `Number.MAX_SAFE_INTEGER`, and
 * (on `domains`) when a domain is a public email provider's. A patch that changes nothing writes
 * nothing. Who may change what is decided before, on {@link changedSettings}. `conflict` when
 * `owners` (who claims each new domain) shows another organization claiming one.
 *
 * @example
 * ```ts
 * const decision = decideUpdateSettings(org, { monthlyPool: 20_000 }, ctx);
 * ```
 */
export function decideUpdateSettings(
  org: OrganizationRecord,
  patch: SettingsPatch,
  ctx: DecisionContext,
  owners: Claims['owners'] = [],
): DecisionResult<OrganizationRecord> {
  if (patch.domains) {
    const claimable = claimableDomains(patch.domains);
    if (claimable.isErr()) return err(claimable.error);
  }
  if (patch.monthlyPool !== undefined) {
    const pool = safeTotal('monthlyPool', 'the pool', patch.monthlyPool, org.topUps);
    if (pool.isErr()) return err(pool.error);
  }
  if (patch.monthlyPool !== undefined && patch.monthlyPool + org.topUps < org.allocated) {
    return err({
      ...errors.insufficientPool(org.allocated, patch.monthlyPool + org.topUps),
      message: `The pool (monthly pool plus this period's top-ups) cannot drop below the ${org.allocated} credits already allocated; revoke credits first.`,
    });
  }
  const free = domainsFree(owners, org.id);
  if (free.isErr()) return err(free.error);
  const defined = definedFields(patch);
  const changed = changedSettings(org, patch);
  if (changed.length === 0) return ok({ changes: {}, result: org });
  const next: OrganizationRecord = {
    ...org,
    ...defined,
    domains: defined.domains ?? org.domains,
  };
  const [organization, entry] = organizationEntry(
    next,
    { type: 'settings_changed', description: `Settings changed: ${changed.join(', ')}` },
    ctx,
  );
  return ok({ changes: { organization, journal: [entry] }, result: organization });
}
