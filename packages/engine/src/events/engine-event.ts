import { eventAsOf } from '../wire/as-of-version.ts'
import { type WireObject, asObject, asString, asStringMap } from '../wire/wire-read.ts'

export type EngineEventType =
  | 'container'
  | 'image'
  | 'volume'
  | 'network'
  | 'daemon'
  | 'plugin'
  | 'service'
  | 'node'
  | 'secret'
  | 'config'
  | 'builder'

/** One `/events` message (docs/engine.md#events), normalised. */
export interface EngineEvent {
  type: EngineEventType | (string & {})
  /** The verb before any ": " suffix (`health_status: healthy` → `health_status`). */
  action: string
  /** What followed ": " in the action (`healthy`, the exec command), if anything. */
  actionDetail?: string
  /** Container or image id, network id, volume name, or image reference. */
  actorId: string
  attributes: Record<string, string>
  scope: 'local' | 'swarm'
  /** Nanoseconds since the epoch, exact (as a decimal string: it exceeds 2^53). */
  timeNano: string
  /** Seconds since the epoch. */
  time: number
}

// Podman names some container actions differently (docs/engine.md#podman).
const ACTION_ALIASES: Record<string, string> = { remove: 'destroy', died: 'die' }

// Before 1.22 an event has no Type: these are the image ones (docs/engine.md#events-before-1-22).
const IMAGE_ACTIONS = new Set(['untag', 'delete', 'pull', 'push', 'import', 'tag', 'load', 'save'])

/**
 * Parses one event line. `timeNano` is read from the text with a regex before JSON.parse, which
 * would round it (≈1.8e18 > 2^53) and break `since` resumption.
 */
export function parseEventLine(line: string, apiVersion?: string): EngineEvent {
  const parsed = asObject(JSON.parse(line))
  const doc = apiVersion === undefined ? parsed : eventAsOf(parsed, apiVersion)
  const actor = asObject(doc.Actor)
  const rawAction = asString(doc.Action ?? doc.status)
  const split = rawAction.indexOf(': ')
  const verb = split === -1 ? rawAction : rawAction.slice(0, split)
  const detail = split === -1 ? undefined : rawAction.slice(split + 2)
  const timeNano = /"timeNano"\s*:\s*(\d+)/.exec(line)?.[1] ?? secondsToNano(doc.time)
  return {
    type: asString(doc.Type ?? doc.type, untypedEventType(doc, verb)),
    action: ACTION_ALIASES[verb] ?? verb,
    ...(detail === undefined ? {} : { actionDetail: detail }),
    actorId: asString(actor.ID ?? doc.id),
    attributes:
      doc.Actor === undefined && typeof doc.from === 'string'
        ? { image: doc.from }
        : asStringMap(actor.Attributes),
    scope: doc.scope === 'swarm' ? 'swarm' : 'local',
    timeNano,
    time: Number(timeNano.slice(0, -9) || '0'),
  }
}

/**
 * The type of an event sent without one (API before 1.22): container events name their image in
 * `from`; image events have no `from` and an image verb.
 */
function untypedEventType(doc: WireObject, verb: string): EngineEventType {
  return doc.from === undefined && IMAGE_ACTIONS.has(verb) ? 'image' : 'container'
}

function secondsToNano(time: unknown): string {
  return typeof time === 'number' ? `${Math.trunc(time)}000000000` : '0'
}

/** Formats a nanosecond timestamp as the `seconds.nanoseconds` form `since` and `until` take. */
export function nanoToSince(timeNano: string): string {
  const padded = timeNano.padStart(10, '0')
  return `${padded.slice(0, -9)}.${padded.slice(-9)}`
}

/** Identity of an event, used to drop the replayed duplicates a `since` resume sends again. */
export function eventKey(event: EngineEvent): string {
  return `${event.timeNano}|${event.type}|${event.actorId}|${event.action}`
}
