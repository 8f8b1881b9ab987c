import type { LiveEvent } from '@harbormaster/contract'
import type { EngineEvent } from '@harbormaster/engine'

/** An engine event as browsers receive it, live (the events socket) or read back (system events). */
export function toLiveEvent(event: EngineEvent): LiveEvent {
  return {
    type: event.type,
    action: event.action,
    actionDetail: event.actionDetail,
    actorId: event.actorId,
    attributes: event.attributes,
    scope: event.scope,
    timeNano: event.timeNano,
  }
}
