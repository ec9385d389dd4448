import type { LedgerFilterInput } from '@allot/core';

/** A hand-written statement: text and values. */
export interface HandStatement {
  name: string;
  text: string;
  values: unknown[];
}

function where(orgId: string, filter: LedgerFilterInput): { clause: string; values: unknown[] } {
  const values: unknown[] = [orgId];
  const parts = ['org_id = $1'];
  if (filter.userId) {
    values.push(filter.userId);
    parts.push(`user_id = $${values.length}`);
  }
  if (filter.type) {
    values.push(Array.isArray(filter.type) ? filter.type : [filter.type]);
    parts.push(`type = ANY($${values.length}::text[])`);
  }
  if (filter.from) {
    values.push(new Date(filter.from).toISOString());
    parts.push(`at >= $${values.length}`);
  }
  if (filter.to) {
    values.push(new Date(filter.to).toISOString());
    parts.push(`at < $${values.length}`);
  }
  return { clause: parts.join(' AND '), values };
}

function named(text: string, values: unknown[]): HandStatement {
  let hash = 5381;
  for (let i = 0; i < text.length; i++) hash = (Math.imul(hash, 33) ^ text.charCodeAt(i)) >>> 0;
  return { name: `hand_${hash.toString(36)}_${text.length}`, text, values };
}

/** The summary as one would write it by hand: one pass, four filtered sums. */
export function handSummarySql(schema: string, orgId: string, filter: LedgerFilterInput): HandStatement {
  const { clause, values } = where(orgId, filter);
  return named(
    `SELECT coalesce(sum(-amount) FILTER (WHERE type = 'usage'), 0) AS usage,
            coalesce(sum(amount) FILTER (WHERE type = 'allocation'), 0) AS allocated,
            coalesce(sum(-amount) FILTER (WHERE type = 'revocation'), 0) AS revoked,
            coalesce(sum(amount) FILTER (WHERE type = 'refund'), 0) AS refunded
     FROM "${schema}".journal WHERE ${clause}`,
    values,
  );
}

/** The first ledger page by hand: newest first, ties by id. */
export function handPageSql(
  schema: string,
  orgId: string,
  filter: LedgerFilterInput,
  limit: number,
): HandStatement {
  const { clause, values } = where(orgId, filter);
  values.push(limit);
  return named(
    `SELECT * FROM "${schema}".journal WHERE ${clause} ORDER BY at DESC, id DESC LIMIT $${values.length}`,
    values,
  );
}

/** The COPY baseline of the export: the export's columns, newest first. */
export function copySql(schema: string, orgId: string): string {
  return `COPY (SELECT id, at, user_id, type, amount, balance_after, description, actor, request_id, usage_id, idempotency_key FROM "${schema}".journal WHERE org_id = '${orgId.replaceAll("'", "''")}' ORDER BY at DESC, id DESC) TO STDOUT WITH CSV HEADER`;
}
