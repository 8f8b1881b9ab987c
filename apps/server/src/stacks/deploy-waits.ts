import { setTimeout as sleep } from 'node:timers/promises'
import type { StackStep } from '@harbormaster/contract'
import type { ContainerDetails } from '@harbormaster/engine'
import { ApiError } from '../platform/errors.ts'
import { type HostGrant, inScope } from '../policy/index.ts'
import { COMPOSE } from './compose-labels.ts'
import type { Wait } from './plan-types.ts'
import { type Operation, line } from './stack-operations.ts'

/** How often a wait asks the engine again: compose's own interval (`waitDependency`). */
const POLL_MS = 500

/** A wait's verdict on one container: done, not yet, or failed with the engine's state. */
type Verdict = { done: true } | { done: false; failure?: string }

/**
 * Waits for each container of a dependency to be healthy (`service_healthy`) or to have exited
 * with 0 (`service_completed_successfully`), as the compose CLI does, asking the engine every
 * 500 ms: an unhealthy or exited container, or a non-zero exit, fails the wait with what the
 * engine says. The client leaving ends it.
 */
export async function waitFor(
  op: Operation,
  project: string,
  wait: Wait,
  grant: HostGrant,
  emit: (line: StackStep) => void,
): Promise<void> {
  const listed = await op.engine.containers.list({
    all: true,
    filters: { label: [`${COMPOSE.project}=${project}`, `${COMPOSE.service}=${wait.service}`] },
    signal: op.signal,
  })
  const containers = listed.filter(
    (c) => c.labels[COMPOSE.oneoff] !== 'True' && inScope(grant, c.labels),
  )
  const action = wait.condition === 'service_healthy' ? 'wait-healthy' : 'wait-completed'
  for (const container of containers) {
    const step = {
      object: 'container',
      name: container.name,
      service: wait.service,
      action,
    } as const
    emit(line(step, 'started'))
    for (;;) {
      const details = await op.engine.containers.inspect(container.id, { signal: op.signal })
      const verdict = judge(wait, container.name, details)
      if (verdict.done) break
      if (verdict.failure !== undefined) {
        emit(line(step, 'failed', verdict.failure))
        throw new ApiError(409, 'conflict', verdict.failure)
      }
      await sleep(POLL_MS, undefined, { signal: op.signal })
    }
    emit(line(step, 'done'))
  }
}

function judge(wait: Wait, name: string, details: ContainerDetails): Verdict {
  const { state } = details
  if (wait.condition === 'service_completed_successfully') {
    if (state.status !== 'exited' && state.status !== 'dead') return { done: false }
    if (state.exitCode === 0) return { done: true }
    return {
      done: false,
      failure: `service ${wait.service} didn't complete successfully: exit ${state.exitCode}`,
    }
  }
  if (state.status === 'exited' || state.status === 'dead')
    return { done: false, failure: `container ${name} exited (${state.exitCode})` }
  const health = state.health?.status
  if (health === 'healthy') return { done: true }
  if (health === 'unhealthy') return { done: false, failure: `container ${name} is unhealthy` }
  if (health === undefined)
    return { done: false, failure: `container ${name} has no healthcheck configured` }
  return { done: false }
}
