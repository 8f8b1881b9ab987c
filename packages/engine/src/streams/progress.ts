import type { Readable } from 'node:stream'
import { EngineStreamError } from '../errors.ts'
import { asNumber, asObject, asOptionalNumber, asOptionalString } from '../wire/wire-read.ts'
import { readJsonLines } from './json-lines.ts'

/** One line of a pull, push, build, load or import stream (docs/engine.md#progress-streams). */
export interface ProgressEvent {
  /** Layer id or tag the line is about. */
  id?: string
  status?: string
  /** Build output text (may contain ANSI colours). */
  stream?: string
  current?: number
  total?: number
  /** Build result and similar (`{"ID": "sha256:…"}`). */
  aux?: Record<string, unknown>
}

/**
 * Reads a JSON progress stream. A line with `errorDetail` (or the deprecated `error`) ends the
 * iteration with an EngineStreamError even though the HTTP status was 200.
 */
export async function* readProgress(body: Readable): AsyncGenerator<ProgressEvent> {
  for await (const line of readJsonLines(body)) {
    const item = asObject(line)
    const detail = asObject(item.errorDetail)
    const failure = asOptionalString(detail.message) ?? asOptionalString(item.error)
    if (failure !== undefined) {
      body.destroy()
      throw new EngineStreamError(failure, asOptionalNumber(detail.code))
    }
    yield toProgressEvent(item)
  }
}

function toProgressEvent(item: Record<string, unknown>): ProgressEvent {
  const progress = asObject(item.progressDetail)
  const event: ProgressEvent = {}
  const id = asOptionalString(item.id)
  const status = asOptionalString(item.status)
  const stream = typeof item.stream === 'string' ? item.stream : undefined
  if (id !== undefined) event.id = id
  if (status !== undefined) event.status = status
  if (stream !== undefined) event.stream = stream
  if (progress.total !== undefined) {
    event.current = asNumber(progress.current)
    event.total = asNumber(progress.total)
  }
  if (typeof item.aux === 'object' && item.aux !== null) event.aux = asObject(item.aux)
  return event
}
