import type pg from 'pg';

/** A client borrowed from the pool, guarded while it is out. */
export interface Checkout {
  readonly client: pg.PoolClient;
  /** The connection error the client reported while out, if any (its session is gone). */
  readonly failure: () => Error | undefined;
  /** Gives the client back; a client that failed, or `broken`, is destroyed instead of reused. */
  release(broken?: Error): void;
}

/**
 * Checks a client out of the pool with an `'error'` listener for as long as it is out. The pool
 * listens only to idle clients: a checked-out client whose backend is terminated or whose socket
 * drops between two statements (idle in transaction) emits `'error'`, which without a listener
 * crashes the host process. The error is kept, the statement in flight (or the next one) fails
 * on its own, and the client is destroyed on release.
 */
export async function checkout(pool: pg.Pool): Promise<Checkout> {
  const client = await pool.connect();
  let failure: Error | undefined;
  const onError = (error: Error) => {
    failure ??= error;
  };
  client.on('error', onError);
  return {
    client,
    failure: () => failure,
    release(broken) {
      client.removeListener('error', onError);
      client.release(broken ?? failure);
    },
  };
}
