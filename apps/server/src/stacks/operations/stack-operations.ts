import type { StackLine, StackStep } from '@harbormaster/contract'
import { type Container, type Engine, EngineStreamError } from '@harbormaster/engine'
import { toErrorResponse } from '../../platform/errors.ts'
import { type ServiceContainers, servicesOf, startOrder } from '../compose-labels.ts'

/** What an operation on a stack's objects needs: the engine, the caller's signal, the model. */
export interface Operation {
  engine: Engine
  /** Aborted when the client goes away: no engine call is started after that. */
  signal: AbortSignal
  /** Tells the host's model that a container changed, so the next list shows it at once. */
  touch(containerId: string): void
  /** Mutating engine calls made so far (the `done` line's count). */
  changes: number
}

type Step = Omit<StackStep, 'type' | 'state'>
type ContainerAct = (engine: Engine, id: string, signal: AbortSignal) => Promise<void>

const RUNNING: readonly Container['state'][] = ['running', 'paused', 'restarting']
const STARTABLE: readonly Container['state'][] = ['created', 'exited']

/** Services in start order: dependencies first (the `depends_on` label). */
export const inStartOrder = (containers: readonly Container[]) => startOrder(servicesOf(containers))

/** Services in stop order: dependents first. */
export const inStopOrder = (containers: readonly Container[]) => inStartOrder(containers).reverse()

/** Starts the containers that are not running, dependencies first. */
export function startContainers(op: Operation, containers: readonly Container[]) {
  return eachContainer(op, inStartOrder(containers), 'start', STARTABLE, (engine, id, signal) =>
    engine.containers.start(id, { signal }),
  )
}

/** Stops the running containers, dependents first. */
export function stopContainers(op: Operation, containers: readonly Container[]) {
  return eachContainer(op, inStopOrder(containers), 'stop', RUNNING, (engine, id, signal) =>
    engine.containers.stop(id, { signal }),
  )
}

/** Restarts every container, dependencies first (as `docker compose restart`). */
export function restartContainers(op: Operation, containers: readonly Container[]) {
  return eachContainer(op, inStartOrder(containers), 'restart', 'all', (engine, id, signal) =>
    engine.containers.restart(id, { signal }),
  )
}

/** Removes the containers (already stopped), and their anonymous volumes when asked. */
export function removeContainers(
  op: Operation,
  containers: readonly Container[],
  volumes: boolean,
) {
  return eachContainer(op, inStopOrder(containers), 'remove', 'all', (engine, id, signal) =>
    engine.containers.remove(id, { volumes, signal }),
  )
}

/**
 * Acts on each container of the services in the order given, one at a time, with a `started`
 * and a `done` (or `failed`) line each; a container not in one of the `acting` states gets a
 * `keep` line instead. The first failure ends the operation: its message is on the `failed`
 * line, and the error, rethrown, becomes the stream's last line.
 */
async function* eachContainer(
  op: Operation,
  services: readonly ServiceContainers[],
  action: 'start' | 'stop' | 'restart' | 'remove',
  acting: readonly Container['state'][] | 'all',
  act: ContainerAct,
): AsyncGenerator<StackStep> {
  for (const service of services) {
    for (const container of service.containers) {
      const step: Step = {
        object: 'container',
        name: container.name,
        service: service.name,
        action,
      }
      if (acting !== 'all' && !acting.includes(container.state)) {
        yield line({ ...step, action: 'keep' }, 'done', container.state)
        continue
      }
      yield* perform(op, step, () => act(op.engine, container.id, op.signal))
      op.touch(container.id)
    }
  }
}

/**
 * One mutating call as a step: `started`, then `done` or `failed`. Nothing starts once the
 * client has gone away; the call itself is given the same signal.
 */
export async function* perform(
  op: Operation,
  step: Step,
  call: () => Promise<void>,
): AsyncGenerator<StackStep> {
  op.signal.throwIfAborted()
  yield line(step, 'started')
  op.changes++
  try {
    await call()
  } catch (err) {
    if (!op.signal.aborted) yield line(step, 'failed', messageOf(err))
    throw err
  }
  yield line(step, 'done')
}

export function line(step: Step, state: StackStep['state'], message?: string): StackStep {
  return { type: 'step', ...step, state, ...(message === undefined ? {} : { message }) }
}

/**
 * What the caller is told of a failure: the engine's message, never an internal one; a failure
 * the engine reported inside a progress stream (a build step, a pull) keeps its message too.
 */
export function messageOf(err: unknown): string {
  if (err instanceof EngineStreamError) return err.message
  return toErrorResponse(err).body.error.message
}

/** The operation's lines, then `done` with the count of mutating calls it made. */
export async function* withDone(
  op: Operation,
  steps: AsyncIterable<StackStep>,
): AsyncGenerator<StackLine> {
  yield* steps
  yield { type: 'done', changes: op.changes }
}
