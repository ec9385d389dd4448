import {
  type ChangeSet,
  type IdempotencyRecord,
  idempotencyRecordsOf,
  type MemberRecord,
  type OrganizationRecord,
  type RequestRecord,
  StoreConflict,
  type StoreTransaction,
} from '@allot/core/port';
import {
  holdColumns,
  idempotencyColumns,
  journalColumns,
  memberColumns,
  organizationColumns,
  outboxColumns,
  periodColumns,
  requestColumns,
} from './codec';
import { KEYS_PER_STATEMENT, keysParams, keysShape, ROWS_PER_STATEMENT } from './queries';
import type { WritePart, WriteTable } from './queries/writes';
import { type IdempotencyRow, type MemberRow, type RequestRow, SqlReader } from './reader';

type Row = Record<string, unknown>;

/**
 * At most this many multi-row writes go into one combined statement: enough for every command's
 * change set (a capture writes a hold, a member, journal entries, their events and a key; an
 * approval a member, a request, entries, events and a key); larger ones (a rollover of a big
 * organization) run statement by statement.
 */
const MAX_COMBINED_PARTS = 6;

/** The last record per key, in first-seen order (a multi-row upsert may touch a row only once). */
function lastPerKey<T>(items: readonly T[], keyOf: (item: T) => string): T[] {
  const byKey = new Map<string, T>();
  for (const item of items) byKey.set(keyOf(item), item);
  return [...byKey.values()];
}

/**
 * One store transaction on one session. `lock*` lock exactly one row (`SELECT … FOR UPDATE` where
 * the dialect has row locks); `write` applies a change set with one statement per table and per
 * {@link ROWS_PER_STATEMENT} rows.
 */
export class SqlTransaction extends SqlReader implements StoreTransaction {
  /** The domain list of each organization as last read or written here (to skip unchanged syncs). */
  private readonly knownDomains = new Map<string, string>();

  private remember(org: OrganizationRecord | null): OrganizationRecord | null {
    if (org) this.knownDomains.set(org.id, JSON.stringify(org.domains));
    return org;
  }

  override async getOrganization(args: { orgId: string }): Promise<OrganizationRecord | null> {
    return this.remember(await super.getOrganization(args));
  }

  override async findOrganizationByDomain(args: { domain: string }): Promise<OrganizationRecord | null> {
    return this.remember(await super.findOrganizationByDomain(args));
  }

  async lockIdempotencyKey({
    orgId,
    key,
  }: {
    orgId: string;
    key: string;
  }): Promise<IdempotencyRecord | null> {
    await this.ctx.backend.lockKey?.(this.session, orgId, key);
    return this.first(this.ctx.q.getIdempotencyKey.bind({ orgId, key }), this.ctx.codec.idempotency);
  }

  async lockIdempotencyKeys({
    orgId,
    keys,
  }: {
    orgId: string;
    keys: readonly string[];
  }): Promise<(IdempotencyRecord | null)[]> {
    const { backend, q, codec } = this.ctx;
    if (backend.lockKeys) await backend.lockKeys(this.session, orgId, keys);
    else if (backend.lockKey) for (const key of keys) await backend.lockKey(this.session, orgId, key);
    const found = new Map<string, IdempotencyRecord>();
    for (let start = 0; start < keys.length; start += KEYS_PER_STATEMENT) {
      const chunk = keys.slice(start, start + KEYS_PER_STATEMENT);
      const size = keysShape(chunk.length);
      const rows = await this.rows<IdempotencyRow>(
        q.getIdempotencyKeys(size).bind(keysParams(orgId, chunk, size)),
      );
      for (const row of rows) {
        const record = codec.idempotency(row);
        found.set(record.key, record);
      }
    }
    return keys.map((key) => found.get(key) ?? null);
  }

  async lockOrganization(args: { orgId: string }): Promise<OrganizationRecord | null> {
    return this.remember(
      await this.first(this.ctx.q.lockOrganization.bind(args), this.ctx.codec.organization),
    );
  }

  async lockRequest(args: { orgId: string; requestId: string }): Promise<RequestRecord | null> {
    return this.first(this.ctx.q.lockRequest.bind(args), this.ctx.codec.request);
  }

  async lockPendingRequests(args: { orgId: string; userId: string }): Promise<RequestRecord[]> {
    return (await this.rows<RequestRow>(this.ctx.q.lockPendingRequests.bind(args))).map(
      this.ctx.codec.request,
    );
  }

  async lockMember(args: { orgId: string; userId: string }): Promise<MemberRecord | null> {
    return this.first(this.ctx.q.lockMember.bind(args), this.ctx.codec.member);
  }

  async lockAllMembers(args: { orgId: string }): Promise<MemberRecord[]> {
    return (await this.rows<MemberRow>(this.ctx.q.lockAllMembers.bind(args))).map(this.ctx.codec.member);
  }

  async write(changes: ChangeSet): Promise<void> {
    if (changes.organization) await this.writeOrganization(changes.organization);
    const parts: { part: WritePart; rows: Row[] }[] = [];
    const add = (table: WriteTable, rows: Row[]) => {
      for (let start = 0; start < rows.length; start += ROWS_PER_STATEMENT) {
        const chunk = rows.slice(start, start + ROWS_PER_STATEMENT);
        parts.push({ part: { table, count: chunk.length }, rows: chunk });
      }
    };
    if (changes.period) add('periods', [periodColumns(changes.period)]);
    if (changes.members)
      add('members', lastPerKey(changes.members, (m) => `${m.orgId}\u0000${m.userId}`).map(memberColumns));
    if (changes.requests)
      add('requests', lastPerKey(changes.requests, (r) => `${r.orgId}\u0000${r.id}`).map(requestColumns));
    if (changes.holds)
      add('holds', lastPerKey(changes.holds, (h) => `${h.orgId}\u0000${h.id}`).map(holdColumns));
    if (changes.journal) add('journal', changes.journal.map(journalColumns));
    if (changes.events) add('outbox', changes.events.map(outboxColumns));
    const keys = idempotencyRecordsOf(changes);
    if (keys.length > 0) add('idempotency_keys', keys.map(idempotencyColumns));
    await this.writeParts(parts);
  }

  /** One round trip for a small change set where the dialect allows it, else one statement per part. */
  private async writeParts(parts: { part: WritePart; rows: Row[] }[]): Promise<void> {
    const w = this.ctx.q.writes;
    if (parts.length > 1 && parts.length <= MAX_COMBINED_PARTS && this.ctx.dialect.combinedWrites) {
      await this.session.execute(w.combined(parts.map((p) => p.part)).bindRows(parts.flatMap((p) => p.rows)));
      return;
    }
    for (const { part, rows } of parts) await this.session.execute(w.rows(part).bindRows(rows));
  }

  /** Upserts the pool row; rewrites the organization's domain claims only when they changed. */
  private async writeOrganization(org: OrganizationRecord): Promise<void> {
    const w = this.ctx.q.writes;
    await this.session.execute(w.upsertOrganization.bindRows([organizationColumns(org)]));
    const listed = JSON.stringify(org.domains);
    if (this.knownDomains.get(org.id) === listed) return;
    await this.session.execute(w.deleteDomains.bind({ orgId: org.id }));
    const domains = [...new Set(org.domains)];
    try {
      const parts: { part: WritePart; rows: Row[] }[] = [];
      for (let start = 0; start < domains.length; start += ROWS_PER_STATEMENT) {
        const rows = domains
          .slice(start, start + ROWS_PER_STATEMENT)
          .map((domain) => ({ org_id: org.id, domain }));
        parts.push({ part: { table: 'domains', count: rows.length }, rows });
      }
      for (const { part, rows } of parts) await this.session.execute(w.rows(part).bindRows(rows));
    } catch (error) {
      if (!this.ctx.dialect.isUniqueViolation(error)) throw error;
      throw new StoreConflict(`One of the domains ${domains.join(', ')} belongs to another organization.`);
    }
    this.knownDomains.set(org.id, listed);
  }
}
