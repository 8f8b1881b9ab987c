import type { LogLine } from '@harbormaster/contract'
import {
  type Engine,
  EngineConflictError,
  EngineError,
  EngineNotFoundError,
  type StdioFrame,
} from '@harbormaster/engine'
import { LineSplitter } from '../../logs/index.ts'
import { type LogLimits, LogWindow } from './log-window.ts'

/** What the engine still had of a container at its `die`: either part may be gone. */
export interface Snapshot {
  /** The inspect as the engine sent it (unmasked: mask before storing). */
  inspect: Record<string, unknown> | undefined
  log: LogLine[] | undefined
  /** Why a part is missing, in plain words. */
  notes: string[]
}

/** A die's reads may not hold the host's events listener up for long. */
const READ_DEADLINE_MS = 30_000

export const LOG_GONE_NOTE =
  'The log was gone when Harbormaster asked for it at the container’s exit: the engine was ' +
  'already removing the container (docker run --rm, or docker rm -f). Turn on log retention ' +
  'for this container’s name or label to keep its last lines whatever the timing.'

/** The engine's message when the container's log file was removed under the read. */
const LOG_FILE_GONE = /\.log: no such file or directory/i

export const INSPECT_GONE_NOTE =
  'The engine no longer had the container’s details when Harbormaster asked (it was removed ' +
  'at once); exit code and image come from the engine’s events.'

/**
 * Reads a dead container's log tail and inspect, one engine call each, the log first: an
 * auto-removing container's log is refused ("marked for removal", 409) moments after its
 * `die`, while its inspect stays readable a little longer. Measured on Engine 20.10 (API 1.41)
 * with `docker run --rm`: inspect first, then the log, lost the log 30 times in 30; both at
 * once won 50 in 50 (bench/capsules.ts).
 */
export async function readSnapshot(
  engine: Engine,
  id: string,
  limits: LogLimits,
): Promise<Snapshot> {
  const signal = AbortSignal.timeout(READ_DEADLINE_MS)
  const inspect = engine.containers.inspectWire(id, { signal })
  const tty = inspect.then((doc) => isTty(doc))
  const log = engine.containerStreams
    .logs(id, { tail: limits.lines, tty, signal })
    .then((frames) => readLines(frames, limits))
  const [inspected, read] = await Promise.allSettled([inspect, log])
  const notes: string[] = []
  if (inspected.status === 'rejected') notes.push(inspectNote(inspected.reason))
  if (read.status === 'rejected') notes.push(logNote(read.reason, inspected.status === 'rejected'))
  return {
    inspect: inspected.status === 'fulfilled' ? inspected.value : undefined,
    log: read.status === 'fulfilled' ? read.value : undefined,
    notes,
  }
}

function isTty(doc: Record<string, unknown>): boolean {
  const config = doc.Config
  return typeof config === 'object' && config !== null && 'Tty' in config && config.Tty === true
}

async function readLines(frames: AsyncIterable<unknown>, limits: LogLimits): Promise<LogLine[]> {
  const window = new LogWindow(limits)
  const splitter = new LineSplitter((line) => {
    window.add(line)
  })
  for await (const frame of frames as AsyncIterable<StdioFrame>) {
    splitter.write(frame.stream, frame.data)
  }
  splitter.end()
  return window.lines()
}

function inspectNote(reason: unknown): string {
  if (reason instanceof EngineNotFoundError) return INSPECT_GONE_NOTE
  return `The container’s details could not be read: ${messageOf(reason)}.`
}

/**
 * Why the log read failed, in a capsule's words. The engine loses the race at `die` in three
 * ways: 409 once the container is marked for removal, 404 once it is gone, and, between the
 * two, a 500 naming the log file its removal has just deleted (`open …-json.log: no such file
 * or directory`, seen on Engine 20.10 under load, bench/capsules.ts): all three are the log gone.
 */
export function logNote(reason: unknown, inspectFailed: boolean): string {
  if (reason instanceof EngineConflictError || reason instanceof EngineNotFoundError) {
    return LOG_GONE_NOTE
  }
  if (reason instanceof EngineError && LOG_FILE_GONE.test(reason.message)) return LOG_GONE_NOTE
  // Without the inspect the log cannot be decoded (the TTY flag decides its framing).
  if (inspectFailed) return LOG_GONE_NOTE
  return `The log could not be read: ${messageOf(reason)}.`
}

function messageOf(reason: unknown): string {
  return reason instanceof Error ? reason.message : String(reason)
}
