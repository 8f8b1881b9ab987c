import { asObject, asOptionalNumber, asOptionalString, asString } from '../wire/wire-read.ts'
import type { Task, TaskState } from './types.ts'

const TASK_STATES: readonly TaskState[] = [
  'new',
  'allocated',
  'pending',
  'assigned',
  'accepted',
  'preparing',
  'ready',
  'starting',
  'running',
  'complete',
  'shutdown',
  'failed',
  'rejected',
  'remove',
  'orphaned',
]

/** States after which the container has exited, so its exit code means something. */
const ENDED: readonly TaskState[] = ['complete', 'shutdown', 'failed', 'rejected', 'orphaned']

/** Maps a `GET /tasks` item (docs/engine.md#swarm). */
export function toTask(wire: unknown): Task {
  const item = asObject(wire)
  const status = asObject(item.Status)
  const container = asObject(status.ContainerStatus)
  const state = toTaskState(status.State)
  const nodeId = asOptionalString(item.NodeID)
  const slot = asOptionalNumber(item.Slot)
  const error = asOptionalString(status.Err)
  const containerId = asOptionalString(container.ContainerID)
  // A running container reports ExitCode 0 (or nothing): only an ended one has a real code.
  const exitCode = ENDED.includes(state) ? asOptionalNumber(container.ExitCode) : undefined
  return {
    id: asString(item.ID),
    serviceId: asString(item.ServiceID),
    ...(nodeId === undefined ? {} : { nodeId }),
    ...(slot === undefined || slot === 0 ? {} : { slot }),
    desiredState: toTaskState(item.DesiredState),
    state,
    message: asString(status.Message),
    ...(error === undefined ? {} : { error }),
    ...(containerId === undefined ? {} : { containerId }),
    ...(exitCode === undefined ? {} : { exitCode }),
    timestamp: asString(status.Timestamp),
  }
}

/** Unknown states (none so far) read as `new`, the least committal one. */
function toTaskState(value: unknown): TaskState {
  return TASK_STATES.find((state) => state === value) ?? 'new'
}
