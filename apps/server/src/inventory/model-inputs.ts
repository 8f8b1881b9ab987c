import type { ContainerDetails, EngineEvent } from '@harbormaster/engine'
import type { HostEventMessage } from '../events/index.ts'
import type { ContainerTiming } from './container-status.ts'
import type { ModelInput } from './model-io.ts'

/** What the host's events stream tells the model, if anything. */
export function inputFor(message: HostEventMessage): ModelInput | undefined {
  if (message.kind === 'disconnected') return { type: 'disconnected' }
  if (message.kind === 'reconnected') return { type: 'connected' }
  const id = affectedContainer(message.event)
  return id === undefined ? undefined : { type: 'announced', id }
}

/** Container events that change nothing a row shows. */
const QUIET = new Set([
  'exec_create',
  'exec_start',
  'exec_die',
  'attach',
  'detach',
  'resize',
  'top',
  'export',
  'commit',
  'copy',
  'archive-path',
  'extract-to-dir',
])

/** Events that change what a container row shows, and the container they name. */
export function affectedContainer(event: EngineEvent): string | undefined {
  if (event.type === 'container') return QUIET.has(event.action) ? undefined : event.actorId
  if (event.type === 'network' && (event.action === 'connect' || event.action === 'disconnect')) {
    return event.attributes.container
  }
  return undefined
}

/** What the status text is made of, from inspect (State.*). */
export function toTiming(details: ContainerDetails): ContainerTiming {
  const { state } = details
  const health = state.health?.status
  return {
    state: state.status,
    startedAt: state.startedAt === undefined ? undefined : Date.parse(state.startedAt),
    finishedAt: state.finishedAt === undefined ? undefined : Date.parse(state.finishedAt),
    exitCode: state.exitCode,
    health: health === undefined || health === 'none' ? undefined : health,
  }
}
