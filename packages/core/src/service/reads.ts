import type { ResultAsync } from 'neverthrow';
import { toCsv } from '../csv';
import { type Cursor, decodeCursor, encodeCursor } from '../cursor';
import { poolAlertUpdate } from '../decide/alerts';
import { type Principal, type Requirement, seesEveryone, subjectOf } from '../decide/authorize';
import { toMember } from '../decide/context';
import { computeBalance, computeOverview } from '../decide/views';
import { type AllotError, errors } from '../errors';
import type { JournalVerification } from '../journal-chain';
import { type JournalHead, journalHeadDigest, makeJournalHead } from '../journal-head';
import type { OrganizationRecord } from '../port';
import type { Actor } from '../schemas/actor';
import type { HoldsPage } from '../schemas/holds';
import * as q from '../schemas/queries';
import type {
  Balance,
  LedgerPage,
  MembersPage,
  Organization,
  Overview,
  RequestsPage,
  Summary,
} from '../schemas/records';
import type { AllotImplementation } from './allot';
import { principalFor } from './principal';
import {
  abort,
  attempt,
  contextFor,
  ensureCurrentPeriod,
  expireDueHoldsOf,
  isPeriodCurrent,
  parseCall,
  type Runtime,
  unwrap,
  type WithActor,
} from './runtime';
import { chainHeadsOf, verifyJournalOf } from './verify-journal';
import { toOrganization } from './views';

function parseCursor(value: string | undefined): Cursor | undefined {
  if (value === undefined) return undefined;
  const cursor = decodeCursor(value);
  if (!cursor) {
    abort(
      errors.validation('The cursor is not one Allot returned.', [
        { path: 'cursor', message: 'invalid cursor', code: 'custom' },
      ]),
    );
  }
  return cursor;
}

/**
 * A page from `limit + 1` fetched items: the first `limit`, and a cursor after the last of them
 * when there was one more.
 */
function pageOf<T>(items: T[], limit: number, position: (item: T) => Cursor) {
  const page = items.slice(0, limit);
  const last = page.at(-1);
  return { items: page, nextCursor: items.length > limit && last ? encodeCursor(position(last)) : null };
}

/** Where a request or hold stands in a newest-first list. */
function createdPosition(item: { createdAt: string; id: string }): Cursor {
  return { at: item.createdAt, id: item.id };
}

/** Store arguments for one page of requests or holds: one more than asked, to know if more follow. */
function newestFirstArgs<S extends string>(
  input: { orgId: string; status: S | 'all'; cursor?: string | undefined; limit: number },
  userId: string | undefined,
) {
  return {
    orgId: input.orgId,
    status: input.status === 'all' ? undefined : (input.status as Exclude<S, 'all'>),
    userId,
    after: parseCursor(input.cursor),
    limit: input.limit + 1,
  };
}

/** A `validation` error about the saved head given to `verifyJournal`. */
function headIssue(path: string, message: string) {
  return errors.validation(`The saved journal head ${path.slice(5)} ${message}.`, [
    { path, message, code: 'custom' },
  ]);
}

/** Names of the read methods of {@link Allot}. */
export type ReadName =
  | 'getSettings'
  | 'overview'
  | 'members'
  | 'requests'
  | 'ledger'
  | 'summary'
  | 'exportCsv'
  | 'balance'
  | 'verifyJournal'
  | 'journalHead'
  | 'holds';

/** The reads of {@link Allot}. Each one first rolls an ended billing period over. */
export function createReads(rt: Runtime): AllotImplementation<ReadName> {
  /** Authorizes, brings the period up to date and returns the organization with the principal. */
  async function open(actor: Actor, orgId: string, requirement: Requirement) {
    const principal = await principalFor(rt.store, actor, orgId, requirement);
    const org = await ensureCurrentPeriod(rt, orgId);
    if (!org) abort(errors.notFound('organization', orgId));
    return { principal, org: org as OrganizationRecord };
  }

  /** Authorizes and makes sure the period is current, for reads that need no organization figures. */
  async function enter(actor: Actor, orgId: string, requirement: Requirement) {
    const principal = await principalFor(rt.store, actor, orgId, requirement);
    if (!(await isPeriodCurrent(rt, orgId))) abort(errors.notFound('organization', orgId));
    return principal;
  }

  /** Whose rows a read covers: members only their own; admins and the server all, or one user's. */
  function visibleUser(principal: Principal, requested: string | undefined): string | undefined {
    return seesEveryone(principal) ? requested : unwrap(subjectOf(principal, requested, false));
  }

  /** A ledger filter narrowed to what the actor may see. */
  async function scopedFilter(actor: Actor, orgId: string, filter: q.LedgerFilter) {
    const principal = await enter(actor, orgId, 'member');
    return { ...filter, userId: visibleUser(principal, filter.userId) };
  }

  return {
    getSettings(call: WithActor<q.GetSettingsInput>): ResultAsync<Organization, AllotError> {
      return parseCall(q.getSettingsInput, call).asyncAndThen(({ actor, input }) =>
        attempt(async () => toOrganization((await open(actor, input.orgId, 'admin')).org)),
      );
    },

    overview(call: WithActor<q.OverviewInput>): ResultAsync<Overview, AllotError> {
      return parseCall(q.overviewInput, call).asyncAndThen(({ actor, input }) =>
        attempt(async () => {
          const { org } = await open(actor, input.orgId, 'admin');
          await expireDueHoldsOf(rt, org.id);
          const [totals, pending] = await Promise.all([
            rt.store.memberTotals({ orgId: org.id }),
            rt.store.countRequests({ orgId: org.id, status: 'pending' }),
          ]);
          // A pool alert is normally settled right after the commit that moved usage; one missed
          // (the process died in between) is caught up here.
          if (poolAlertUpdate(org, totals, contextFor(rt, { type: 'system' }))) rt.afterCommit(org.id);
          return computeOverview(org, totals, pending);
        }),
      );
    },

    members(call: WithActor<q.MembersInput>): ResultAsync<MembersPage, AllotError> {
      return parseCall(q.membersInput, call).asyncAndThen(({ actor, input }) =>
        attempt(async () => {
          await enter(actor, input.orgId, 'admin');
          await expireDueHoldsOf(rt, input.orgId);
          const page = await rt.store.listMembers(input);
          return {
            items: page.items.map(toMember),
            total: page.total,
            limit: input.limit,
            offset: input.offset,
          };
        }),
      );
    },

    requests(call: WithActor<q.RequestsInput>): ResultAsync<RequestsPage, AllotError> {
      return parseCall(q.requestsInput, call).asyncAndThen(({ actor, input }) =>
        attempt(async () => {
          const userId = visibleUser(await enter(actor, input.orgId, 'member'), input.userId);
          const items = await rt.store.listRequests(newestFirstArgs(input, userId));
          return pageOf(items, input.limit, createdPosition);
        }),
      );
    },

    ledger(call: WithActor<q.LedgerInput>): ResultAsync<LedgerPage, AllotError> {
      return parseCall(q.ledgerInput, call).asyncAndThen(({ actor, input }) =>
        attempt(async () => {
          const filter = await scopedFilter(actor, input.orgId, input.filter);
          const items = await rt.store.listJournal({
            orgId: input.orgId,
            filter,
            after: parseCursor(input.cursor),
            limit: input.limit + 1,
          });
          return pageOf(items, input.limit, (e) => ({ at: e.at, id: e.id }));
        }),
      );
    },

    summary(call: WithActor<q.SummaryInput>): ResultAsync<Summary, AllotError> {
      return parseCall(q.summaryInput, call).asyncAndThen(({ actor, input }) =>
        attempt(async () => {
          const filter = await scopedFilter(actor, input.orgId, input.filter);
          return rt.store.summarizeJournal({ orgId: input.orgId, filter });
        }),
      );
    },

    /**
     * The ledger over a filter as CSV text chunks (header first), streamed from the store in
     * constant memory. Authorization happens before the first chunk.
     */
    exportCsv(call: WithActor<q.ExportCsvInput>): ResultAsync<AsyncIterable<string>, AllotError> {
      return parseCall(q.exportCsvInput, call).asyncAndThen(({ actor, input }) =>
        attempt(async () => {
          const filter = await scopedFilter(actor, input.orgId, input.filter);
          return toCsv(rt.store.streamJournal({ orgId: input.orgId, filter }));
        }),
      );
    },

    verifyJournal(call: WithActor<q.VerifyJournalInput>): ResultAsync<JournalVerification, AllotError> {
      return parseCall(q.verifyJournalInput, call).asyncAndThen(({ actor, input }) =>
        attempt(async () => {
          const { org } = await open(actor, input.orgId, 'admin');
          const saved = input.head;
          if (saved) {
            if (saved.orgId !== org.id) abort(headIssue('head.orgId', 'is another organization'));
            if (journalHeadDigest(saved.orgId, saved.chains, rt.journalKey) !== saved.digest) {
              abort(
                headIssue(
                  'head.digest',
                  'does not match the head’s chains (altered, or made with another key)',
                ),
              );
            }
          }
          return verifyJournalOf(rt.store, org, {
            key: rt.journalKey,
            saved,
            maxBreaks: input.maxBreaks,
            pageSize: input.pageSize,
          });
        }),
      );
    },

    journalHead(call: WithActor<q.JournalHeadInput>): ResultAsync<JournalHead, AllotError> {
      return parseCall(q.journalHeadInput, call).asyncAndThen(({ actor, input }) =>
        attempt(async () => {
          const { org } = await open(actor, input.orgId, 'admin');
          return makeJournalHead(org.id, await chainHeadsOf(rt.store, org, 500), rt.journalKey);
        }),
      );
    },

    holds(call: WithActor<q.HoldsInput>): ResultAsync<HoldsPage, AllotError> {
      return parseCall(q.holdsInput, call).asyncAndThen(({ actor, input }) =>
        attempt(async () => {
          const userId = visibleUser(await enter(actor, input.orgId, 'member'), input.userId);
          await expireDueHoldsOf(rt, input.orgId, userId);
          const items = await rt.store.listHolds(newestFirstArgs(input, userId));
          return pageOf(items, input.limit, createdPosition);
        }),
      );
    },

    balance(call: WithActor<q.BalanceInput>): ResultAsync<Balance, AllotError> {
      return parseCall(q.balanceInput, call).asyncAndThen(({ actor, input }) =>
        attempt(async () => {
          const { principal, org } = await open(actor, input.orgId, 'member');
          const userId = unwrap(subjectOf(principal, input.userId, true));
          await expireDueHoldsOf(rt, org.id, userId);
          const member = await rt.store.getMember({ orgId: org.id, userId });
          if (member?.status !== 'active') abort(errors.notFound('member', userId));
          return computeBalance(org, member);
        }),
      );
    },
  };
}
