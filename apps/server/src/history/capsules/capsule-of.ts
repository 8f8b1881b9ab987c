import type { LogLine } from '@harbormaster/contract'
import type { Container, EngineEvent } from '@harbormaster/engine'
import { maskEnvIn, viewerEnvVisibility } from '../../policy/index.ts'
import type { NewCapsule } from './capsule-store.ts'
import type { Snapshot } from './read-snapshot.ts'
import type { Followable } from './retention-rules.ts'

/**
 * How a capsule is made from what is known at a die or a destroy: the engine's snapshot when
 * it had one, else the model's last record, else the event's own attributes.
 */

/** Attributes the engine adds to a container event besides the container's labels. */
const EVENT_ONLY_ATTRIBUTES = new Set(['name', 'image', 'exitCode', 'signal', 'execDuration'])

export const RETENTION_NOTE =
  'The engine’s log was gone; these lines come from log retention (the server followed the log ' +
  'while the container ran).'
export const NOT_READ_NOTE =
  'The container was removed without Harbormaster seeing it exit (the server was down or not ' +
  'connected): its log and details were not read. Name, image and labels are the last the ' +
  'server knew.'
export const REMOVED_UNSEEN_NOTE =
  'The container was removed while the server was not watching; this is its snapshot from its exit.'
export const IMAGE_GONE_NOTE = (image: string) =>
  `The image (${image}) is no longer on the engine: its digest is unknown.`

export function followableOf(event: EngineEvent): Followable {
  return { name: event.attributes.name ?? event.actorId.slice(0, 12), labels: labelsOf(event) }
}

function labelsOf(event: EngineEvent): Record<string, string> {
  return Object.fromEntries(
    Object.entries(event.attributes).filter(([key]) => !EVENT_ONLY_ATTRIBUTES.has(key)),
  )
}

/** A capsule from a die's snapshot, falling back on the event and the model's record. */
export function capsuleOf(
  hostId: string,
  event: EngineEvent,
  snapshot: Snapshot,
  known: Container | undefined,
  kept: LogLine[] | undefined,
): NewCapsule {
  const doc = snapshot.inspect
  const state = objectAt(doc, 'State')
  const config = objectAt(doc, 'Config')
  const notes = [...snapshot.notes]
  let log = snapshot.log
  let logSource: NewCapsule['logSource'] = log === undefined ? 'none' : 'engine'
  if (log === undefined && kept !== undefined && kept.length > 0) {
    log = kept
    logSource = 'retention'
    notes.push(RETENTION_NOTE)
  }
  const exitFromEvent = Number(event.attributes.exitCode)
  const exitCode = Number.isInteger(exitFromEvent) ? exitFromEvent : numberAt(state, 'ExitCode')
  return {
    hostId,
    containerId: event.actorId,
    name: stringAt(doc, 'Name')?.replace(/^\//, '') ?? event.attributes.name ?? known?.name ?? '',
    reason: 'exit',
    exitCode: exitCode ?? null,
    oomKilled: state?.OOMKilled === true,
    startedAt: stringAt(state, 'StartedAt') ?? null,
    finishedAt: stringAt(state, 'FinishedAt') ?? new Date(event.time * 1000).toISOString(),
    image: stringAt(config, 'Image') ?? event.attributes.image ?? known?.image ?? '',
    imageId: stringAt(doc, 'Image') ?? known?.imageId ?? null,
    imageDigests: [],
    labels: labelsAt(config) ?? known?.labels ?? labelsOf(event),
    inspect:
      doc === undefined
        ? null
        : (maskEnvIn(doc, viewerEnvVisibility(), new Set()) as Record<string, unknown>),
    log: log ?? [],
    logSource,
    notes,
    dieEvent: event.timeNano,
    capturedAt: Date.now(),
  }
}

/** A removal the server did not see the exit of: the model's record, or the event's. */
export function unseenCapsule(
  hostId: string,
  event: EngineEvent,
  known: Container | undefined,
  kept: LogLine[],
): NewCapsule {
  const notes = [NOT_READ_NOTE]
  if (kept.length > 0) notes.push(RETENTION_NOTE)
  return {
    hostId,
    containerId: event.actorId,
    name: known?.name ?? event.attributes.name ?? event.actorId.slice(0, 12),
    reason: 'removed',
    exitCode: null,
    oomKilled: false,
    startedAt: null,
    finishedAt: null,
    image: known?.image ?? event.attributes.image ?? '',
    imageId: known?.imageId ?? null,
    imageDigests: [],
    labels: known?.labels ?? labelsOf(event),
    inspect: null,
    log: kept,
    logSource: kept.length > 0 ? 'retention' : 'none',
    notes,
    dieEvent: null,
    capturedAt: Date.now(),
  }
}

function objectAt(doc: unknown, key: string): Record<string, unknown> | undefined {
  if (typeof doc !== 'object' || doc === null) return undefined
  const value = (doc as Record<string, unknown>)[key]
  return typeof value === 'object' && value !== null && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : undefined
}

function stringAt(doc: Record<string, unknown> | undefined, key: string): string | undefined {
  const value = doc?.[key]
  return typeof value === 'string' && value !== '' && !value.startsWith('0001-01-01')
    ? value
    : undefined
}

function numberAt(doc: Record<string, unknown> | undefined, key: string): number | undefined {
  const value = doc?.[key]
  return typeof value === 'number' ? value : undefined
}

function labelsAt(config: Record<string, unknown> | undefined): Record<string, string> | undefined {
  const labels = objectAt(config, 'Labels')
  if (labels === undefined) return undefined
  return Object.fromEntries(
    Object.entries(labels).filter(
      (entry): entry is [string, string] => typeof entry[1] === 'string',
    ),
  )
}
