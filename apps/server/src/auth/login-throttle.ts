const MINUTE = 60_000

export interface LoginThrottleOptions {
  /** Failures per account before it is locked (default 5). */
  accountLimit?: number
  /** Failures per client address before it is locked (default 20). */
  addressLimit?: number
  /** A counter is forgotten after this long without failures (default 15 min). */
  windowMs?: number
  /** The first lock; each further failure doubles it (default 1 min)... */
  baseLockMs?: number
  /** ...up to this (default 1 h). */
  maxLockMs?: number
  /** Entries kept per map; the least recently failed go first (default 10,000). */
  maxEntries?: number
  now?: () => number
}

type CounterOptions = Required<Omit<LoginThrottleOptions, 'accountLimit' | 'addressLimit'>>

interface Counter {
  failures: number
  lastFailureAt: number
  lockedUntil: number
}

/** Failure counters keyed by account or address, bounded in size, evicting the stalest. */
class CounterMap {
  readonly #entries = new Map<string, Counter>()
  readonly #limit: number
  readonly #options: CounterOptions

  constructor(limit: number, options: CounterOptions) {
    this.#limit = limit
    this.#options = options
  }

  /** Milliseconds until the key may try again; 0 when it may now. */
  lockedFor(key: string): number {
    const counter = this.#entries.get(key)
    return counter ? Math.max(0, counter.lockedUntil - this.#options.now()) : 0
  }

  fail(key: string): void {
    const now = this.#options.now()
    const previous = this.#entries.get(key)
    const stale = !previous || now - previous.lastFailureAt > this.#options.windowMs
    const failures = stale ? 1 : previous.failures + 1
    const over = failures - this.#limit
    const lockMs =
      over < 0 ? 0 : Math.min(this.#options.maxLockMs, this.#options.baseLockMs * 2 ** over)
    // Re-inserting moves the key to the end, so Map order is least-recently-failed first.
    this.#entries.delete(key)
    this.#entries.set(key, { failures, lastFailureAt: now, lockedUntil: now + lockMs })
    this.#evict()
  }

  clear(key: string): void {
    this.#entries.delete(key)
  }

  #evict(): void {
    for (const key of this.#entries.keys()) {
      if (this.#entries.size <= this.#options.maxEntries) return
      this.#entries.delete(key)
    }
  }
}

/**
 * Sign-in throttle per account and per client address, in memory (one process). Each failure
 * past the limit doubles the lock; a quiet window forgets the counter. Unknown usernames count
 * like known ones, so the throttle does not reveal which accounts exist.
 */
export class LoginThrottle {
  readonly #accounts: CounterMap
  readonly #addresses: CounterMap

  constructor(options: LoginThrottleOptions = {}) {
    const shared = {
      windowMs: options.windowMs ?? 15 * MINUTE,
      baseLockMs: options.baseLockMs ?? MINUTE,
      maxLockMs: options.maxLockMs ?? 60 * MINUTE,
      maxEntries: options.maxEntries ?? 10_000,
      now: options.now ?? Date.now,
    }
    this.#accounts = new CounterMap(options.accountLimit ?? 5, shared)
    this.#addresses = new CounterMap(options.addressLimit ?? 20, shared)
  }

  /** Seconds to wait (for Retry-After) when the account or the address is locked, else 0. */
  retryAfter(address: string, username: string): number {
    const ms = Math.max(
      this.#accounts.lockedFor(accountKey(username)),
      this.#addresses.lockedFor(address),
    )
    return Math.ceil(ms / 1000)
  }

  recordFailure(address: string, username: string): void {
    this.#accounts.fail(accountKey(username))
    this.#addresses.fail(address)
  }

  /** Seconds the address must wait, else 0: for guesses tied to no account (the setup code). */
  retryAfterForAddress(address: string): number {
    return Math.ceil(this.#addresses.lockedFor(address) / 1000)
  }

  recordAddressFailure(address: string): void {
    this.#addresses.fail(address)
  }

  /** The account's counter resets; the address's does not, or one valid account would reset it. */
  recordSuccess(username: string): void {
    this.#accounts.clear(accountKey(username))
  }
}

/** Usernames are unique case-insensitively, so `Admin` and `admin` share one counter. */
const accountKey = (username: string) => username.toLowerCase()
