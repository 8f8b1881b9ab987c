import { createHash } from 'node:crypto'
import type { EngineEvent } from '@harbormaster/engine'

/** One engine event as the timeline keeps it. */
export interface TimelineRow {
  hostId: string
  timeNano: string
  timeMs: number
  type: string
  action: string
  actionDetail: string | null
  actorId: string
  actorName: string | null
  stack: string | null
  /** The attributes the object's events share (JSON object) and their hash. */
  shared: string
  sharedHash: string
  /** This event's own attributes (JSON object), or null. */
  extra: string | null
}

/** Labels that name the stack an object belongs to: a compose project or a swarm stack. */
const STACK_LABELS = ['com.docker.compose.project', 'com.docker.stack.namespace'] as const

/**
 * Attributes that differ from one event of an object to the next (a container's exit code, the
 * signal, an exec's id; the container a network or volume event is about). Kept with the event;
 * the rest, labels above all, once per distinct set.
 */
const PER_EVENT_KEYS = new Set([
  'exitCode',
  'signal',
  'execID',
  'container',
  'destination',
  'propagation',
  'read/write',
])

/**
 * The row kept for an event: everything it says (its attributes whole, since a container's carry
 * its labels, which label scopes match), with the name and stack lifted out for the indexes.
 */
export function toTimelineRow(hostId: string, event: EngineEvent): TimelineRow {
  const { attributes } = event
  const stack = STACK_LABELS.map((label) => attributes[label]).find((value) => value)
  const shared: Record<string, string> = {}
  const extra: Record<string, string> = {}
  for (const [key, value] of Object.entries(attributes)) {
    if (PER_EVENT_KEYS.has(key)) extra[key] = value
    else shared[key] = value
  }
  const sharedJson = JSON.stringify(shared)
  return {
    hostId,
    timeNano: event.timeNano,
    timeMs: nanoToMs(event.timeNano),
    type: event.type,
    action: event.action,
    actionDetail: event.actionDetail ?? null,
    actorId: event.actorId,
    actorName: attributes.name ?? null,
    stack: stack ?? null,
    shared: sharedJson,
    sharedHash: createHash('sha256').update(sharedJson).digest('base64url').slice(0, 22),
    extra: Object.keys(extra).length === 0 ? null : JSON.stringify(extra),
  }
}

/** Milliseconds of a nanosecond decimal string (exceeding 2^53, so cut as text). */
export function nanoToMs(timeNano: string): number {
  return Number(timeNano.length > 6 ? timeNano.slice(0, -6) : '0')
}

/** The nanosecond text (19 digits, as the engine's) of a millisecond time, for range bounds. */
export function msToNano(ms: number): string {
  return `${String(Math.max(0, Math.trunc(ms)))}000000`.padStart(19, '0')
}
