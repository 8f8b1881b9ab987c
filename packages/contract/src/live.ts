import { z } from 'zod'
import { alertNoticeSchema } from './alert-notice.ts'
import { apiErrorSchema } from './errors.ts'
import { commandQueryParam } from './command-line.ts'
import { terminalRecordingMessageSchema } from './history-sessions.ts'

/**
 * WebSocket messages, both directions, for every live stream. Binary frames carry bytes
 * (terminal I/O); text frames carry one JSON message from these schemas, validated on receipt.
 * Close codes: 1000 ended, 1008 policy (invalid message, session ended), 1011 server error,
 * 4404 target gone, 4409 conflict (e.g. the container is not running).
 */
export const LIVE_CLOSE = {
  ended: 1000,
  policy: 1008,
  serverError: 1011,
  gone: 4404,
  conflict: 4409,
} as const

const errorMessage = z.object({ type: z.literal('error'), error: apiErrorSchema.shape.error })

const terminalSize = { cols: z.int().min(1).max(1000), rows: z.int().min(1).max(1000) }

/** Exec and attach: the browser sends keystrokes as binary frames and these as text. */
export const terminalClientMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('resize'), ...terminalSize }).strict(),
])
export type TerminalClientMessage = z.infer<typeof terminalClientMessageSchema>

export const terminalServerMessageSchema = z.discriminatedUnion('type', [
  /** The process ended; null when the engine could not tell its exit code. */
  z.object({ type: z.literal('exit'), exitCode: z.int().nullable() }),
  errorMessage,
  /** The session is recorded (the host's setting): the terminal shows a banner. */
  terminalRecordingMessageSchema,
])
export type TerminalServerMessage = z.infer<typeof terminalServerMessageSchema>

export const execQuerySchema = z
  .object({
    /** The command's words as a JSON array; default: a shell that exists in the image. */
    cmd: commandQueryParam.optional(),
    user: z.string().max(256).optional(),
    workingDir: z.string().max(4096).optional(),
    cols: z.coerce.number().int().min(1).max(1000).default(80),
    rows: z.coerce.number().int().min(1).max(1000).default(24),
  })
  .strict()
export type ExecQuery = z.infer<typeof execQuerySchema>

export const attachQuerySchema = z
  .object({
    /**
     * Send keystrokes to the main process (when it keeps stdin open). `false` watches its output
     * only, which is all a non-admin may do with a container that has admin-only settings.
     */
    stdin: z.stringbool().default(true),
  })
  .strict()

export const logStreamSchema = z.enum(['stdout', 'stderr'])

export const logsQuerySchema = z
  .object({
    follow: z.stringbool().default(true),
    tail: z.union([z.literal('all'), z.coerce.number().int().min(0).max(100_000)]).default(500),
    /** Unix seconds, an RFC 3339 time, or a duration ago (`90s`, `10m`, `1h30m`, `2d`). */
    since: z.string().max(64).optional(),
    until: z.string().max(64).optional(),
    timestamps: z.stringbool().default(false),
    stdout: z.stringbool().default(true),
    stderr: z.stringbool().default(true),
  })
  .strict()
export type LogsQuery = z.infer<typeof logsQuerySchema>

/** `logs/download`: the same selection, never following, and by default the whole log. */
export const logsDownloadQuerySchema = logsQuerySchema
  .omit({ follow: true })
  .extend({
    tail: z
      .union([z.literal('all'), z.coerce.number().int().min(0).max(10_000_000)])
      .default('all'),
  })
  .strict()
export type LogsDownloadQuery = z.infer<typeof logsDownloadQuerySchema>

export const logLineSchema = z.object({
  stream: logStreamSchema,
  /** The line without its line end (`\n` or `\r\n`). */
  text: z.string(),
  /**
   * No line end (yet): the text was sent after ~100 ms of quiet, at 64 Ki characters or at the
   * end of the log. The next line of the same stream continues it.
   */
  partial: z.literal(true).optional(),
})
export type LogLine = z.infer<typeof logLineSchema>

export const logsServerMessageSchema = z.discriminatedUnion('type', [
  /** Lines in order, batched (by size or a few milliseconds). */
  z.object({ type: z.literal('lines'), lines: z.array(logLineSchema) }),
  /** Output skipped because the browser could not keep up. */
  z.object({ type: z.literal('dropped'), lines: z.int(), bytes: z.int() }),
  z.object({ type: z.literal('end') }),
  errorMessage,
])
export type LogsServerMessage = z.infer<typeof logsServerMessageSchema>

export const statsSampleSchema = z.object({
  id: z.string(),
  name: z.string(),
  /** ISO time of the engine's sample. */
  read: z.string(),
  /** Percent of one CPU (can exceed 100 on several cores), as `docker stats` shows it. */
  cpuPercent: z.number(),
  memoryUsed: z.number(),
  /** 0 when unlimited. */
  memoryLimit: z.number(),
  memoryPercent: z.number(),
  networkRx: z.number(),
  networkTx: z.number(),
  blockRead: z.number(),
  blockWrite: z.number(),
  pids: z.number(),
})
export type StatsSampleDto = z.infer<typeof statsSampleSchema>

export const statsServerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('sample'), sample: statsSampleSchema }),
  /** Host overview: every running container's latest sample, once a second. */
  z.object({
    type: z.literal('samples'),
    samples: z.array(statsSampleSchema),
    /** Running containers left out: the host already streams stats for as many as it allows. */
    omitted: z.int().optional(),
  }),
  errorMessage,
])
export type StatsServerMessage = z.infer<typeof statsServerMessageSchema>

export const liveEventSchema = z.object({
  type: z.string(),
  action: z.string(),
  actionDetail: z.string().optional(),
  actorId: z.string(),
  attributes: z.record(z.string(), z.string()),
  scope: z.enum(['local', 'swarm']),
  /** Nanoseconds since the epoch, as a decimal string. */
  timeNano: z.string(),
})
export type LiveEvent = z.infer<typeof liveEventSchema>

export const eventsServerMessageSchema = z.discriminatedUnion('type', [
  z.object({ type: z.literal('event'), event: liveEventSchema }),
  /** The host stopped answering, or answers again (events in between were replayed). */
  z.object({ type: z.literal('host'), state: z.enum(['disconnected', 'reconnected']) }),
  /** An alert about this host fired or was resolved (issue 19): the bell counts it. */
  z.object({ type: z.literal('alert'), notice: alertNoticeSchema }),
  errorMessage,
])
export type EventsServerMessage = z.infer<typeof eventsServerMessageSchema>
