/** The SQLSTATE code of a pg error, if it is one. */
export function sqlState(error: unknown): string | undefined {
  const code = (error as { code?: unknown } | null)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** A unique-constraint violation (23505). */
export function isUniqueViolation(error: unknown): boolean {
  return sqlState(error) === '23505';
}

/**
 * A failure of COMMIT that leaves its outcome unknown: no answer from the server (the socket
 * closed or timed out: no SQLSTATE), or the session ended under it — connection exceptions
 * (class 08), operator intervention such as `pg_terminate_backend` or a shutdown (class 57),
 * system errors (58) and internal errors (XX). Any other SQLSTATE is the server refusing the
 * commit, which then committed nothing.
 */
export function isOutcomeLost(error: unknown): boolean {
  const code = sqlState(error);
  return code === undefined || /^(08|57|58|XX)/.test(code);
}

/**
 * Failures after which running the whole transaction again can succeed: a serialization failure
 * (40001), a deadlock (40P01), or a racing insert of the same idempotency key (its primary key),
 * which the retry then finds and replays.
 */
export function isRetryable(error: unknown): boolean {
  const code = sqlState(error);
  if (code === '40001' || code === '40P01') return true;
  return code === '23505' && (error as { constraint?: unknown }).constraint === 'idempotency_keys_pkey';
}
