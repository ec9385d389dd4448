import type { Statement } from '@allot/kysely';
import type pg from 'pg';
import { checkout } from './checkout';

/**
 * Streams a statement's rows through a server-side cursor on a dedicated client: one
 * `FETCH FORWARD batchSize` per batch, so memory stays constant whatever the result's size. The
 * read-only transaction gives the whole export one snapshot. The client goes back to the pool
 * when the rows run out, when the consumer stops early, or on error.
 */
export async function* exportCursor(
  pool: pg.Pool,
  statement: Statement,
  batchSize: number,
): AsyncGenerator<unknown[]> {
  const size = Math.max(1, Math.trunc(batchSize));
  const out = await checkout(pool);
  const { client } = out;
  let broken: Error | undefined;
  let open = false;
  try {
    await client.query('BEGIN READ ONLY');
    open = true;
    await client.query({
      text: `DECLARE allot_export NO SCROLL CURSOR FOR ${statement.sql}`,
      values: statement.parameters as unknown[],
    });
    for (;;) {
      const { rows } = await client.query(`FETCH FORWARD ${size} FROM allot_export`);
      if (rows.length > 0) yield rows;
      if (rows.length < size) break;
    }
    await client.query('COMMIT');
    open = false;
  } finally {
    if (open) {
      await client.query('ROLLBACK').catch((error: Error) => {
        broken = error;
      });
    }
    out.release(broken);
  }
}
