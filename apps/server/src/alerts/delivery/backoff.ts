export interface RetryPolicy {
  /** Attempts in all, the first included. */
  maxAttempts: number
  /** The wait after the first failure; it doubles with each further one. */
  baseDelayMs: number
  maxDelayMs: number
}

export const DEFAULT_RETRY: RetryPolicy = {
  maxAttempts: 6,
  baseDelayMs: 30_000,
  maxDelayMs: 30 * 60_000,
}

/**
 * The wait before attempt `failed + 1`: exponential, capped, with "equal jitter" (half fixed,
 * half random) so a receiver that was down is not hit by every queued delivery at once when it
 * comes back, and never sooner than half the nominal wait.
 */
export function retryDelay(policy: RetryPolicy, failed: number, random = Math.random): number {
  const nominal = Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** Math.max(0, failed - 1))
  return Math.round(nominal / 2 + (nominal / 2) * random())
}
