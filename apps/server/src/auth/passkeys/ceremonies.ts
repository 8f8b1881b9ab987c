/**
 * How long a ceremony waits for the browser: the options' timeout (2 minutes) and some slack
 * for the round trips. A sign-in challenge lives 5 minutes, so a passkey second factor fits.
 */
const CEREMONY_MS = 3 * 60_000
/** WebAuthn's own timeout, given to the browser in the options. */
export const CEREMONY_TIMEOUT_MS = 2 * 60_000
/**
 * Pending ceremonies kept at most: the password-less options route is public, so anyone can
 * open them; beyond this the oldest go first (a real user's waits 3 minutes at most).
 */
const MAX_PENDING = 10_000

interface Pending {
  challenge: string
  expiresAt: number
}

/**
 * The WebAuthn challenges the server has handed out and not yet seen answered, in memory: each
 * bound to what the browser already holds (its session, its sign-in challenge, or a cookie of its
 * own), single use (taken, right or wrong, by the first answer) and short-lived. A restart
 * forgets them: the user starts the ceremony again.
 */
export class PasskeyCeremonies {
  readonly #pending = new Map<string, Pending>()
  readonly #now: () => number

  constructor(options: { now?: () => number } = {}) {
    this.#now = options.now ?? Date.now
  }

  /** Remembers the challenge handed out for `binding`, replacing any earlier one. */
  begin(binding: string, challenge: string): void {
    const now = this.#now()
    this.#pending.delete(binding)
    for (const [key, pending] of this.#pending) {
      // Insertion order is expiry order: stop at the first one still live.
      if (pending.expiresAt > now && this.#pending.size < MAX_PENDING) break
      this.#pending.delete(key)
    }
    this.#pending.set(binding, { challenge, expiresAt: now + CEREMONY_MS })
  }

  /** The challenge for `binding`, removed so it cannot be answered twice; undefined if none. */
  take(binding: string): string | undefined {
    const pending = this.#pending.get(binding)
    this.#pending.delete(binding)
    if (!pending || pending.expiresAt <= this.#now()) return undefined
    return pending.challenge
  }

  /** Pending ceremonies (for tests of the bound). */
  get size(): number {
    return this.#pending.size
  }
}
