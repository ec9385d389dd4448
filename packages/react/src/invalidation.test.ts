import { QueryClient } from '@tanstack/react-query';
import { describe, expect, it } from 'vitest';
import { invalidateAfter, invalidates } from './invalidation';
import { allotKeys } from './query-keys';

function seeded(): QueryClient {
  const client = new QueryClient();
  const keys = [
    allotKeys.overview(),
    allotKeys.settings(),
    allotKeys.membersPage({ search: 'a' }),
    allotKeys.requestsList({ status: 'pending' }),
    allotKeys.holdsList({ status: 'active', userId: 'bob' }),
    allotKeys.ledgerList({ userId: 'bob' }, 25),
    allotKeys.summaryOf({ type: ['usage'] }),
    allotKeys.balance(),
    allotKeys.myLedgerList({}),
    allotKeys.myRequestsList({ status: 'all', limit: 10 }),
    allotKeys.myHoldsList({ status: 'active' }),
  ];
  for (const key of keys) client.setQueryData(key, { seeded: true });
  return client;
}

function invalidatedGroups(client: QueryClient): string[] {
  return client
    .getQueryCache()
    .getAll()
    .filter((query) => query.state.isInvalidated)
    .map((query) => query.queryKey.slice(1, query.queryKey[1] === 'me' ? 3 : 2).join('.'))
    .sort();
}

describe('invalidateAfter', () => {
  it.each([
    [
      'approveRequest',
      ['me.balance', 'me.ledger', 'me.requests', 'ledger', 'members', 'overview', 'requests', 'summary'],
    ],
    ['assign', ['me.balance', 'me.ledger', 'ledger', 'members', 'overview', 'summary']],
    ['submitRequest', ['me.ledger', 'me.requests', 'ledger', 'overview', 'requests']],
    ['rejectRequest', ['me.ledger', 'me.requests', 'ledger', 'overview', 'requests']],
    ['setRole', ['me.ledger', 'ledger', 'members']],
    ['updateSettings', ['ledger', 'me.balance', 'overview', 'settings']],
    ['reserve', ['holds', 'ledger', 'me.balance', 'me.holds', 'me.ledger', 'members', 'overview', 'summary']],
    ['capture', ['holds', 'ledger', 'me.balance', 'me.holds', 'me.ledger', 'members', 'overview', 'summary']],
    ['release', ['holds', 'ledger', 'me.balance', 'me.holds', 'me.ledger', 'members', 'overview', 'summary']],
    ['topUp', ['ledger', 'overview', 'settings', 'summary']],
    ['cancelRequest', ['me.ledger', 'me.requests', 'ledger', 'overview', 'requests']],
    [
      'removeMember',
      [
        'holds',
        'ledger',
        'me.balance',
        'me.holds',
        'me.ledger',
        'me.requests',
        'members',
        'overview',
        'requests',
        'summary',
      ],
    ],
  ] as const)('%s invalidates exactly %j', async (mutation, groups) => {
    const client = seeded();
    await invalidateAfter(client, mutation);
    expect(invalidatedGroups(client)).toEqual([...groups].sort());
  });

  it('covers every mutation of the client', () => {
    expect(Object.keys(invalidates).sort()).toEqual(
      [
        'approveRequest',
        'assign',
        'cancelRequest',
        'capture',
        'rejectRequest',
        'release',
        'removeMember',
        'reserve',
        'revoke',
        'setRole',
        'submitRequest',
        'topUp',
        'updateSettings',
      ].sort(),
    );
  });
});
