/** How often a transaction is tried in all when it fails with a retryable error. */
export const DEFAULT_MAX_ATTEMPTS = 5;

/** Waits a random time that grows with the attempt (full jitter, 5 ms base, 250 ms cap). */
export function backoff(attempt: number): Promise<void> {
  const cap = Math.min(250, 5 * 2 ** attempt);
  return new Promise((resolve) => setTimeout(resolve, Math.random() * cap));
}
