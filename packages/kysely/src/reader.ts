import type { JournalEntry } from '@allot/core';
import type {
  HoldRecord,
  MemberRecord,
  OrganizationRecord,
  RequestRecord,
  StoreReader,
} from '@allot/core/port';
import type { Selectable } from 'kysely';
import type { SqlBackend, SqlSession } from './backend';
import { type Codec, int } from './codec';
import type {
  HoldsTable,
  IdempotencyKeysTable,
  JournalTable,
  MembersTable,
  OrganizationsTable,
  RequestsTable,
} from './database';
import type { SqlDialect } from './dialect';
import type { AllotQueries } from './queries';
import type { Statement } from './template';

/** Everything a store built by {@link createSqlStore} shares between its reader and its transactions. */
export interface StoreContext {
  readonly dialect: SqlDialect;
  readonly backend: SqlBackend;
  readonly q: AllotQueries;
  readonly codec: Codec;
}

export type OrganizationRow = Selectable<OrganizationsTable>;
export type MemberRow = Selectable<MembersTable>;
export type RequestRow = Selectable<RequestsTable>;
export type JournalRow = Selectable<JournalTable>;
export type IdempotencyRow = Selectable<IdempotencyKeysTable>;
export type HoldRow = Selectable<HoldsTable>;

/** The unlocked reads of the port over one session: one statement each. */
export class SqlReader implements StoreReader {
  constructor(
    protected readonly ctx: StoreContext,
    protected readonly session: SqlSession,
  ) {}

  protected async rows<R>(statement: Statement): Promise<R[]> {
    return (await this.session.execute(statement)) as R[];
  }

  protected async first<R, T>(statement: Statement, decode: (row: R) => T): Promise<T | null> {
    const [row] = await this.rows<R>(statement);
    return row === undefined ? null : decode(row);
  }

  async getOrganization({ orgId }: { orgId: string }): Promise<OrganizationRecord | null> {
    return this.first(this.ctx.q.getOrganization.bind({ orgId }), this.ctx.codec.organization);
  }

  async findOrganizationByDomain({ domain }: { domain: string }): Promise<OrganizationRecord | null> {
    return this.first(this.ctx.q.findOrganizationByDomain.bind({ domain }), this.ctx.codec.organization);
  }

  async getMember(args: { orgId: string; userId: string }): Promise<MemberRecord | null> {
    return this.first(this.ctx.q.getMember.bind(args), this.ctx.codec.member);
  }

  async getRequest(args: { orgId: string; requestId: string }): Promise<RequestRecord | null> {
    return this.first(this.ctx.q.getRequest.bind(args), this.ctx.codec.request);
  }

  async getJournalEntry(args: { orgId: string; entryId: string }): Promise<JournalEntry | null> {
    return this.first(this.ctx.q.getJournalEntry.bind(args), this.ctx.codec.journalEntry);
  }

  async sumRefunds(args: { orgId: string; usageId: string }): Promise<number> {
    return (
      (await this.first(this.ctx.q.sumRefunds.bind(args), (row: { total: unknown }) => int(row.total))) ?? 0
    );
  }

  async countAdmins(args: { orgId: string }): Promise<number> {
    return (
      (await this.first(this.ctx.q.countAdmins.bind(args), (row: { count: unknown }) => int(row.count))) ?? 0
    );
  }

  async getHold(args: { orgId: string; holdId: string }): Promise<HoldRecord | null> {
    return this.first(this.ctx.q.getHold.bind(args), this.ctx.codec.hold);
  }

  async listActiveHolds({ orgId, userId }: { orgId: string; userId?: string }): Promise<HoldRecord[]> {
    const statement =
      userId === undefined
        ? this.ctx.q.listActiveHolds.organization.bind({ orgId })
        : this.ctx.q.listActiveHolds.member.bind({ orgId, userId });
    return (await this.rows<HoldRow>(statement)).map(this.ctx.codec.hold);
  }
}
