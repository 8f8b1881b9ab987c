import { setTimeout as sleep } from 'node:timers/promises'
import type { StackStep } from '@harbormaster/contract'
import { type ContainerDetails, EngineNotFoundError } from '@harbormaster/engine'
import { ApiError } from '../../platform/errors.ts'
import { type HostGrant, inScope } from '../../policy/index.ts'
import { COMPOSE } from '../compose-labels.ts'
import type { Wait } from './plan-types.ts'
import { type Operation, line } from '../operations/stack-operations.ts'

/** How often a wait asks the engine again: compose's own interval (`waitDependency`). */
const POLL_MS = 500

/** A wait's verdict on one container: done, not yet, or failed with the engine's state. */
type Verdict = { done: true } | { done: false; failure?: string }

/** What bounds a wait besides the dependency's own state. */
export interface WaitLimits {
  /** The longest one dependency is waited for (HARBORMASTER_STACK_WAIT_TIMEOUT_SECONDS). */
  timeoutMs: number
}

/**
 * Waits for each container of a dependency to be healthy (`service_healthy`) or to have exited
 * with 0 (`service_completed_successfully`), as the compose CLI does, asking the engine every
 * 500 ms. It always ends: an unhealthy, exited or removed container, or a non-zero exit, fails
 * it with compose's words for what the engine says; so does a dependency still not there after
 * `limits.timeoutMs` (a health check that retries forever, a one-shot that never exits). The
 * client leaving ends it too.
 */
export async function waitFor(
  op: Operation,
  project: string,
  wait: Wait,
  grant: HostGrant,
  emit: (line: StackStep) => void,
  limits: WaitLimits,
): Promise<void> {
  const deadline = Date.now() + limits.timeoutMs
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
      const verdict = await judgeNow(op, wait, container, deadline, limits)
      if (verdict.done) break
      if (verdict.failure !== undefined) {
        emit(line(step, 'failed', verdict.failure))
        throw new ApiError(409, 'conflict', verdict.failure)
      }
      await sleep(Math.min(POLL_MS, deadline - Date.now()), undefined, { signal: op.signal })
    }
    emit(line(step, 'done'))
  }
}

/** The container's state now, or why it will never do: removed, or out of time. */
async function judgeNow(
  op: Operation,
  wait: Wait,
  container: { id: string; name: string },
  deadline: number,
  limits: WaitLimits,
): Promise<Verdict> {
  let details: ContainerDetails
  try {
    details = await op.engine.containers.inspect(container.id, { signal: op.signal })
  } catch (err) {
    if (!(err instanceof EngineNotFoundError)) throw err
    return { done: false, failure: failedToStart(container.name, 'was removed') }
  }
  const verdict = judge(wait, container.name, details)
  if (verdict.done || verdict.failure !== undefined || Date.now() < deadline) return verdict
  const after = `${String(limits.timeoutMs / 1000)} s (HARBORMASTER_STACK_WAIT_TIMEOUT_SECONDS)`
  const state =
    wait.condition === 'service_healthy'
      ? `is still ${details.state.health?.status ?? 'starting'} after ${after}`
      : `has not exited after ${after}`
  return { done: false, failure: failedToStart(container.name, state) }
}

const failedToStart = (name: string, why: string) =>
  `dependency failed to start: container ${name} ${why}`

function judge(wait: Wait, name: string, details: ContainerDetails): Verdict {
  const { state } = details
  if (wait.condition === 'service_completed_successfully') {
    if (state.status !== 'exited' && state.status !== 'dead') return { done: false }
    if (state.exitCode === 0) return { done: true }
    return {
      done: false,
      failure: `service ${wait.service} didn't complete successfully: exit ${String(state.exitCode)}`,
    }
  }
  if (state.status === 'exited' || state.status === 'dead')
    return { done: false, failure: failedToStart(name, `exited (${String(state.exitCode)})`) }
  const health = state.health?.status
  if (health === 'healthy') return { done: true }
  if (health === 'unhealthy') return { done: false, failure: failedToStart(name, 'is unhealthy') }
  if (health === undefined || health === 'none')
    return { done: false, failure: failedToStart(name, 'has no healthcheck configured') }
  return { done: false }
}
