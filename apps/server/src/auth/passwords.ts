import { argon2, randomBytes, timingSafeEqual, type Argon2Parameters } from 'node:crypto'
import { promisify } from 'node:util'

const argon2Async = promisify(argon2)

/** OWASP's argon2id baseline: 19 MiB, 2 passes, 1 lane (issue 9). */
const PARAMS = { memory: 19_456, passes: 2, parallelism: 1, tagLength: 32 } as const
const NONCE_BYTES = 16
/** Each hash holds 19 MiB for ~50 ms: two at once bounds memory and keeps the loop's pool free. */
const MAX_CONCURRENT = 2
/** Beyond this many waiting, callers are turned away instead of queueing without end. */
const MAX_QUEUED = 64
/** Bounds for parameters read back from the database, so a tampered row cannot exhaust memory. */
const MAX_STORED = { memory: 262_144, passes: 10, parallelism: 8, tagLength: 64 }

const PHC =
  /^\$argon2id\$v=19\$m=(\d{1,7}),t=(\d{1,3}),p=(\d{1,2})\$([A-Za-z0-9+/]+)\$([A-Za-z0-9+/]+)$/

/** Thrown when too many hashes are already waiting; the caller should answer 429. */
export class PasswordHasherBusyError extends Error {
  constructor() {
    super('Too many sign-in attempts in progress; try again shortly')
  }
}

let running = 0
const waiting: (() => void)[] = []

async function withHashSlot<T>(work: () => Promise<T>): Promise<T> {
  if (running >= MAX_CONCURRENT) {
    if (waiting.length >= MAX_QUEUED) throw new PasswordHasherBusyError()
    await new Promise<void>((resolve) => waiting.push(resolve))
  } else {
    running++
  }
  try {
    return await work()
  } finally {
    // The slot passes straight to the next waiter, so `running` only drops when none is left.
    const next = waiting.shift()
    if (next) next()
    else running--
  }
}

type HashParams = Omit<Argon2Parameters, 'message' | 'nonce'>

function derive(password: string, nonce: Buffer, params: HashParams): Promise<Buffer> {
  return withHashSlot(() =>
    argon2Async('argon2id', { ...params, message: Buffer.from(password, 'utf8'), nonce }),
  )
}

const b64 = (bytes: Buffer) => bytes.toString('base64').replace(/=+$/, '')

/**
 * Hashes a password with argon2id; the result is a PHC string carrying its parameters
 * (`$argon2id$v=19$m=19456,t=2,p=1$<salt>$<hash>`), so they can change without breaking old rows.
 *
 * @throws {PasswordHasherBusyError} when too many hashes are queued.
 */
export async function hashPassword(password: string): Promise<string> {
  const nonce = randomBytes(NONCE_BYTES)
  const hash = await derive(password, nonce, PARAMS)
  const { memory, passes, parallelism } = PARAMS
  return `$argon2id$v=19$m=${memory},t=${passes},p=${parallelism}$${b64(nonce)}$${b64(hash)}`
}

function parseStored(stored: string): { params: HashParams; nonce: Buffer; hash: Buffer } | null {
  const match = PHC.exec(stored)
  if (!match) return null
  const [, m, t, p, salt, tag] = match
  const nonce = Buffer.from(salt ?? '', 'base64')
  const hash = Buffer.from(tag ?? '', 'base64')
  const params = {
    memory: Number(m),
    passes: Number(t),
    parallelism: Number(p),
    tagLength: hash.length,
  }
  const withinBounds =
    params.memory <= MAX_STORED.memory &&
    params.passes <= MAX_STORED.passes &&
    params.parallelism <= MAX_STORED.parallelism &&
    params.tagLength <= MAX_STORED.tagLength &&
    params.tagLength >= 16 &&
    nonce.length >= 8
  return withinBounds ? { params, nonce, hash } : null
}

/**
 * Checks a password against a stored PHC string in constant time. A malformed stored value
 * is a mismatch, never an exception, so one corrupt row cannot turn sign-in into a 500.
 *
 * @throws {PasswordHasherBusyError} when too many hashes are queued.
 */
export async function verifyPassword(stored: string, password: string): Promise<boolean> {
  const parsed = parseStored(stored)
  if (!parsed) {
    await dummyVerify(password)
    return false
  }
  const candidate = await derive(password, parsed.nonce, parsed.params)
  return timingSafeEqual(candidate, parsed.hash)
}

/**
 * Spends what verifying a current hash spends, for an unknown user, so response time does not
 * reveal whether an account exists. Always false.
 */
export async function dummyVerify(password: string): Promise<false> {
  await derive(password, randomBytes(NONCE_BYTES), PARAMS)
  return false
}
