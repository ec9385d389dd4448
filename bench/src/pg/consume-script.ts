import type { CapturedStatement } from './capture';

/**
 * A pgbench script that runs, statement for statement, what `allot.consume()` sends to Postgres
 * (see {@link CapturedStatement}s in the report): the advisory lock on the idempotency key, the
 * key lookup, the pool-row read, the member row `FOR UPDATE`, the member upsert, the journal
 * insert and the idempotency-key insert, in one transaction. Values the library computes in
 * JavaScript (new used, seq, balance) are computed by pgbench between statements; the
 * idempotency fingerprint and result JSON are the adapter's own captured values (same size).
 *
 * Variables: `-D org=… -D members=N -D fp=… -D result=…`. (pgbench reads `:word` even inside string
 * literals, so the lock name is concatenated around its colons.)
 */
export function consumeScript(schema: string): string {
  const t = (table: string) => `"${schema}"."${table}"`;
  return `\\set m random(0, :members - 1)
\\set n random(1, 9223372036854775806)
BEGIN;
select pg_advisory_xact_lock(hashtextextended('allot:' || '${schema}' || ':' || length(:org::text) || ':' || :org::text || ':' || 'pgb' || :n::text, 0));
select * from ${t('idempotency_keys')} where "org_id" = :org and "key" = 'pgb' || :n::text;
select * from ${t('organizations')} where "org_id" = :org;
select * from ${t('members')} where "org_id" = :org and "user_id" = 'm' || :m::text for update \\gset
\\set newused :used + 1
\\set newseq :seq + 1
\\set balance :allocated - :newused
insert into ${t('members')} ("org_id", "user_id", "email", "name", "role", "status", "allocated", "used", "seq", "created_at", "updated_at") values (:org, 'm' || :m::text, :email, :name, :role, :status, :allocated, :newused, :newseq, :created_at, now()) on conflict ("org_id", "user_id") do update set "email" = "excluded"."email", "name" = "excluded"."name", "role" = "excluded"."role", "status" = "excluded"."status", "allocated" = "excluded"."allocated", "used" = "excluded"."used", "seq" = "excluded"."seq", "created_at" = "excluded"."created_at", "updated_at" = "excluded"."updated_at";
insert into ${t('journal')} ("org_id", "id", "seq", "at", "user_id", "type", "amount", "balance_after", "description", "actor", "request_id", "usage_id", "idempotency_key", "metadata") values (:org, lpad(:n::text, 36, '0'), :newseq, now(), 'm' || :m::text, 'usage', -1, :balance, 'bench', 'system', null, null, 'pgb' || :n::text, null);
insert into ${t('idempotency_keys')} ("org_id", "key", "fingerprint", "result", "created_at") values (:org, 'pgb' || :n::text, :fp, :result, now());
COMMIT;
`;
}

/** Statement texts of a captured consume, one per line, for the report. */
export function describeStatements(statements: CapturedStatement[]): string[] {
  return statements.map((s) => s.text.replace(/\s+/g, ' '));
}
