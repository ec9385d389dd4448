import type { ConsumeResult } from '@allot/core';
import type { CapturedStatement } from './capture';

/** What the captured consume was called with and returned, to recognise its values. */
export interface CapturedConsume {
  orgId: string;
  userId: string;
  key: string;
  amount: number;
  result: ConsumeResult;
}

/** A pgbench script and the `-D name=value` variables it needs besides `org` and `members`. */
export interface ConsumeScript {
  script: string;
  defines: Record<string, string>;
}

/**
 * A string literal pgbench leaves alone: pgbench reads `:word` as a variable even inside
 * quotes, so colons are concatenated in as `':'`.
 */
export function pgbenchLiteral(value: string): string {
  const quote = (s: string) => `'${s.replaceAll("'", "''")}'`;
  const parts = value.split(':').map(quote);
  return parts.length === 1 ? (parts[0] as string) : `(${parts.join(" || ':' || ")})`;
}

const isSelectForUpdateOfMember = (text: string) => /^select .* from .*"members".* for update$/is.test(text);

/**
 * Turns the statements one `consume()` sent into a pgbench script that sends the same SQL text in
 * the same round trips, with the per-call values made per-transaction:
 *
 * - the member (`'m' || :m`, random), the idempotency key, the entry id and the outbox event id
 *   (from a random 63-bit `:n`) and the advisory-lock key (two random int4s) change every transaction;
 * - the member row is read `FOR UPDATE … \gset` and the new used / seq / balance are computed
 *   by pgbench between statements, as the library computes them in JavaScript;
 * - times are `now()`; other values (description, actor, the idempotency fingerprint and result
 *   JSON) are the captured ones, so every row written has the same size;
 * - `BEGIN; select pg_advisory_xact_lock(…)`, one simple-protocol round trip in the adapter, is a
 *   two-statement pipeline (`\startpipeline`), one round trip too.
 */
export function consumeScript(statements: CapturedStatement[], call: CapturedConsume): ConsumeScript {
  const { result } = call;
  const defines: Record<string, string> = {};
  const eventIds = new Set(statements.flatMap((s) => s.values.flatMap(outboxEventId)));
  const expression = (value: unknown): string => {
    if (value === null || value === undefined) return 'NULL';
    if (value === call.orgId) return ':org';
    if (value === call.userId) return `('m' || :m::text)`;
    if (value === call.key) return `('pgb' || :n::text)`;
    if (value === result.usage.id) return `lpad(:n::text, ${result.usage.id.length}, '0')`;
    if (typeof value === 'string' && eventIds.has(value))
      return `('e' || lpad(:n::text, ${value.length - 1}, '0'))`;
    if (value === result.usage.at || value === result.member.updatedAt) return 'now()';
    if (value === result.member.createdAt) return ':created_at';
    if (value === result.member.used) return ':newused';
    if (value === result.usage.seq) return ':newseq';
    if (value === result.usage.balanceAfter) return ':balance';
    if (value === result.member.allocated) return ':allocated';
    for (const column of ['email', 'name', 'role', 'status'] as const) {
      if (value === result.member[column]) return `:${column}`;
    }
    if (typeof value === 'string' && (value.length > 64 || value.startsWith('{'))) {
      const name = `v${Object.keys(defines).length + 1}`;
      defines[name] = value;
      return `:${name}`;
    }
    if (typeof value === 'string') return pgbenchLiteral(value);
    return String(value);
  };

  const lines = [
    '\\set m random(0, :members - 1)',
    '\\set n random(1, 9223372036854775806)',
    '\\set la random(-2147483648, 2147483647)',
    '\\set lb random(-2147483648, 2147483647)',
  ];
  let computed = false;
  for (const { text, values } of statements) {
    const sql = text.replace(/\s+/g, ' ').trim();
    if (sql.startsWith('BEGIN; ')) {
      const rest = sql
        .slice('BEGIN; '.length)
        .replace(/pg_advisory_xact_lock\(-?\d+, -?\d+\)/, 'pg_advisory_xact_lock(:la, :lb)');
      lines.push('\\startpipeline', 'BEGIN;', `${rest};`, '\\endpipeline');
      continue;
    }
    const bound = sql.replace(/\$(\d+)/g, (_, index: string) => expression(values[Number(index) - 1]));
    if (isSelectForUpdateOfMember(sql)) {
      lines.push(`${bound} \\gset`);
      continue;
    }
    if (/^(insert|update|with)\b/i.test(sql) && !computed) {
      computed = true;
      lines.push(
        `\\set newused :used + ${call.amount}`,
        '\\set newseq :seq + 1',
        '\\set balance :allocated - :newused',
      );
    }
    lines.push(`${bound};`);
  }
  return { script: `${lines.join('\n')}\n`, defines };
}

/** The id of an outbox event whose JSON payload `value` is, if it is one. */
function outboxEventId(value: unknown): string[] {
  if (typeof value !== 'string' || !value.startsWith('{"')) return [];
  try {
    const parsed = JSON.parse(value) as { id?: unknown; type?: unknown };
    return typeof parsed.id === 'string' && parsed.type === 'journal.entry' ? [parsed.id] : [];
  } catch {
    return [];
  }
}

/** Statement texts of a captured consume, one per line, for the report. */
export function describeStatements(statements: CapturedStatement[]): string[] {
  return statements.map((s) => s.text.replace(/\s+/g, ' '));
}
