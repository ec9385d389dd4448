import type pg from 'pg';

/** One statement a store sent to Postgres. */
export interface CapturedStatement {
  text: string;
  values: unknown[];
}

type QueryFn = (...args: unknown[]) => unknown;

function describe(args: unknown[]): CapturedStatement | null {
  const [first, second] = args;
  if (typeof first === 'string') return { text: first, values: Array.isArray(second) ? second : [] };
  if (typeof first === 'object' && first !== null && 'text' in first) {
    const config = first as { text: string; values?: unknown[] };
    return { text: config.text, values: config.values ?? (Array.isArray(second) ? second : []) };
  }
  return null;
}

/**
 * Records every statement sent through `pool` (by `pool.query` or by checked-out clients) while
 * `recording` is on. Used to show, and to replay under pgbench, exactly the SQL a consume runs.
 */
export function capturePool(pool: pg.Pool) {
  const statements: CapturedStatement[] = [];
  let recording = false;
  const wrapped = new WeakSet<object>();

  function wrap(target: { query: QueryFn }): void {
    if (wrapped.has(target)) return;
    wrapped.add(target);
    const original = target.query.bind(target);
    target.query = (...args: unknown[]) => {
      if (recording) {
        const statement = describe(args);
        if (statement) statements.push(statement);
      }
      return original(...args);
    };
  }

  pool.on('connect', (client) => wrap(client as unknown as { query: QueryFn }));

  return {
    /** Records what `fn` sends, and returns it. */
    async record(fn: () => Promise<unknown>): Promise<CapturedStatement[]> {
      statements.length = 0;
      recording = true;
      try {
        await fn();
      } finally {
        recording = false;
      }
      return [...statements];
    },
  };
}
