import { type Allot, actors, createAllot, createManualClock, orThrow } from '@allot/core';
import { createMemoryStore } from '@allot/memory';

/**
 * The whole story of one organization on the memory adapter. Returns what it printed so tests
 * can check it.
 */
export async function tellStory(
  print: (line: string) => void = console.log,
): Promise<{ allot: Allot; orgId: string }> {
  const clock = createManualClock('2026-11-02T09:00:00Z');
  const allot = createAllot({ store: createMemoryStore(), clock: clock.now });
  const system = actors.system();
  // Every call here should succeed, so the story takes values with orThrow: an error would be a
  // bug in the example, thrown as an AllotFailure with its code, message and stack.

  const org = await orThrow(
    allot.createOrganization({
      actor: system,
      name: 'Acme Corp',
      domains: ['acme.com'],
      monthlyPool: 10_000,
      admins: [{ userId: 'ada', email: 'ada@acme.com', name: 'Ada Admin' }],
    }),
  );
  print(`Created ${org.name} with a monthly pool of ${org.monthlyPool} credits.`);
  const admin = actors.user(org.id, 'ada');

  for (const [userId, email, name] of [
    ['bob', 'bob@acme.com', 'Bob Builder'],
    ['cy', 'cy@ACME.com', 'Cy Coder'],
    ['dee', 'dee@acme.com', 'Dee Designer'],
    ['eve', 'eve@acme.com.evil.io', 'Eve Outsider'],
  ] as const) {
    const result = await orThrow(allot.enroll({ actor: system, userId, email, name }));
    print(`Sign-up ${email}: ${result.outcome}`);
  }

  for (const [userId, total] of [
    ['bob', 3000],
    ['cy', 2000],
    ['dee', 1000],
  ] as const) {
    await orThrow(allot.assign({ actor: admin, userId, total }));
  }
  print('Assigned 3000 to Bob, 2000 to Cy, 1000 to Dee.');

  const usage = await orThrow(
    allot.consume({
      actor: system,
      orgId: org.id,
      userId: 'bob',
      amount: 1200,
      idempotencyKey: 'job-1',
      description: 'Video render',
    }),
  );
  await orThrow(
    allot.consume({
      actor: system,
      orgId: org.id,
      userId: 'cy',
      amount: 500,
      idempotencyKey: 'job-2',
      description: 'Report',
    }),
  );
  print(`Bob used 1200 credits (remaining ${usage.member.remaining}); Cy used 500.`);

  const refund = await orThrow(
    allot.refund({
      actor: system,
      orgId: org.id,
      usageId: usage.usage.id,
      amount: 200,
      idempotencyKey: 'refund-1',
    }),
  );
  print(`Refunded 200 of Bob's render (remaining ${refund.member.remaining}).`);

  const dee = actors.user(org.id, 'dee');
  const approved = await orThrow(allot.submitRequest({ actor: dee, amount: 500, message: 'Launch week' }));
  const rejected = await orThrow(allot.submitRequest({ actor: dee, amount: 9000, message: 'Everything' }));
  await orThrow(allot.approveRequest({ actor: admin, requestId: approved.id }));
  await orThrow(allot.rejectRequest({ actor: admin, requestId: rejected.id, reason: 'Too much' }));
  print("Dee's request for 500 approved; her request for 9000 rejected.");

  await orThrow(allot.revoke({ actor: admin, userId: 'cy', amount: 300 }));
  print('Revoked 300 from Cy.');

  const overview = await orThrow(allot.overview({ actor: admin }));
  print('\nOverview');
  print(
    `  pool ${overview.monthlyPool} · allocated ${overview.allocated} · used ${overview.used} · remaining ${overview.remaining} · ${overview.usagePercent}% (${overview.health})`,
  );
  print(
    `  ${overview.memberCount} members · ${overview.pendingRequests} pending requests · period ${overview.period.start.slice(0, 10)} → ${overview.period.end.slice(0, 10)}`,
  );

  const members = await orThrow(allot.members({ actor: admin }));
  print('\nMembers');
  for (const m of members.items) {
    print(
      `  ${m.name.padEnd(14)} ${m.email.padEnd(14)} ${m.role.padEnd(7)} allocated ${String(m.allocated).padStart(5)} used ${String(m.used).padStart(5)} remaining ${String(m.remaining).padStart(5)}`,
    );
  }

  print('\nLedger (CSV)');
  const csv = await orThrow(allot.exportCsv({ actor: admin }));
  let text = '';
  for await (const chunk of csv) text += chunk;
  print(text.trimEnd());
  return { allot, orgId: org.id };
}
