import type { Compilable } from 'kysely';
import { cyrb53Halves } from './hash';

/**
 * A statement ready to run: SQL text, its parameter values and a stable name for that text.
 *
 * @example
 * ```ts
 * const statement: Statement = q.getMember.bind({ orgId: 'acme', userId: 'bob' });
 * await pool.query({ name: statement.name, text: statement.sql, values: [...statement.parameters] });
 * ```
 */
export interface Statement {
  readonly sql: string;
  readonly parameters: readonly unknown[];
  /**
   * A name derived from the SQL text (the same text always gets the same name), usable as a
   * server-side prepared statement name or a statement cache key.
   */
  readonly name: string;
}

const MARK = '\u0000allot-param:';

type Slot =
  | { readonly param: string; readonly row: number; readonly column: string }
  | { readonly value: unknown };

function slotFor(value: unknown): Slot {
  if (typeof value !== 'string' || !value.startsWith(MARK)) return { value };
  const param = value.slice(MARK.length);
  const dot = param.indexOf('.');
  const row = dot > 0 ? Number(param.slice(0, dot)) : -1;
  return Number.isInteger(row) && row >= 0
    ? { param, row, column: param.slice(dot + 1) }
    : { param, row: -1, column: param };
}

/** The placeholder name of `column` in row `index` of a multi-row template (see {@link Template.bindRows}). */
export function rowParam(index: number, column: string): string {
  return `${index}.${column}`;
}

/**
 * A query compiled once, with named parameters bound on every run. Building and compiling a
 * kysely query costs far more than binding an array, so the hot paths keep one template per
 * query shape and only bind values.
 *
 * @example
 * ```ts
 * const byId = template<{ orgId: string }>((p) =>
 *   db.selectFrom('organizations').selectAll().where('org_id', '=', p.orgId),
 * );
 * const statement = byId.bind({ orgId: 'acme' }); // { sql, parameters: ['acme'], name }
 * ```
 */
export class Template<P extends object> {
  /** Stable name of this SQL text. */
  readonly name: string;

  /** @internal Templates are made by {@link template}. */
  constructor(
    readonly sql: string,
    private readonly slots: readonly Slot[],
  ) {
    this.name = statementName(sql);
  }

  /** The statement with `params` in place; a missing parameter binds as SQL NULL. */
  bind(params: P): Statement {
    const values = params as Record<string, unknown>;
    const parameters = this.slots.map((slot) =>
      'param' in slot ? (values[slot.param] ?? null) : slot.value,
    );
    return { sql: this.sql, parameters, name: this.name };
  }

  /**
   * The statement with one record per row: the placeholder of `column` in row `i` (named
   * `` `${i}.${column}` ``) takes `rows[i][column]`.
   */
  bindRows(rows: readonly Record<string, unknown>[]): Statement {
    const parameters = this.slots.map((slot) =>
      'param' in slot ? ((slot.row >= 0 ? rows[slot.row]?.[slot.column] : undefined) ?? null) : slot.value,
    );
    return { sql: this.sql, parameters, name: this.name };
  }
}

/**
 * Compiles `build` once. `build` receives placeholders for the named parameters and must use them
 * only as values (never branch on them); each placeholder becomes a bound parameter.
 *
 * @example
 * ```ts
 * const q = template<{ orgId: string; limit: number }>((p) =>
 *   db.selectFrom('journal').selectAll().where('org_id', '=', p.orgId).limit(p.limit),
 * );
 * ```
 */
export function template<P extends object>(build: (params: P) => Compilable): Template<P> {
  const placeholders = new Proxy(
    {},
    { get: (_target, key) => (typeof key === 'string' ? `${MARK}${key}` : undefined) },
  ) as P;
  const compiled = build(placeholders).compile();
  const slots = compiled.parameters.map(slotFor);
  return new Template<P>(compiled.sql, slots);
}

/**
 * `allot_` + a 53-bit hash of the text in base 36: short, stable and practically unique.
 *
 * @example
 * ```ts
 * statementName('select 1'); // 'allot_…' — the same text always gets the same name
 * ```
 */
export function statementName(text: string): string {
  const [h1, h2] = cyrb53Halves(text);
  const hash = 4294967296 * (2097151 & h2) + (h1 >>> 0);
  return `allot_${hash.toString(36)}_${text.length.toString(36)}`;
}
