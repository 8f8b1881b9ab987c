import type { HostContext } from '../../app-env.ts'
import { ApiError } from '../../platform/errors.ts'

/** What holds a stack: `up` and `scale` are a deploy; the others are named by their route. */
export type StackWork = 'deploy' | 'start' | 'stop' | 'restart' | 'down' | 'pull' | 'removal'

/**
 * Takes the stack's claim on this host for `work`, or refuses with a 409 naming what holds it.
 * One mutating operation of a stack at a time: two planners on one project would each create
 * what the other is creating, and a down or a stop during a deploy would remove or stop what
 * the deploy is about to start or wait on. Refused rather than queued: the caller sees at once
 * that something else is changing the stack (the deploy's own stream shows what), and decides
 * again once it has ended, instead of a down carried out later on a stack that changed since.
 * Returns `release`, which may be called any number of times.
 */
export function claimStack(c: HostContext, name: string, work: StackWork): () => void {
  const claims = c.var.host.stackClaims
  const holder = claims.get(name)
  if (holder !== undefined) {
    throw new ApiError(
      409,
      'conflict',
      `A ${holder} of stack ${name} is running: wait for it to end`,
    )
  }
  claims.set(name, work)
  let held = true
  return () => {
    if (held) claims.delete(name)
    held = false
  }
}

/**
 * The steps `start` gives, then the claim let go: when they end, fail, or the client leaves.
 * `start` is called inside, so a throw while making the steps lets go too.
 */
export async function* releasing<T>(start: () => AsyncIterable<T>, release: () => void) {
  try {
    yield* start()
  } finally {
    release()
  }
}
