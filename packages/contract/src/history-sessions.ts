import { z } from 'zod'
import { recordingModeSchema } from './history-settings.ts'

/** A terminal into a container: an exec (a new process) or an attach (its main process). */
export const terminalSessionKindSchema = z.enum(['exec', 'attach'])
export type TerminalSessionKind = z.infer<typeof terminalSessionKindSchema>

/**
 * How a terminal session ended: its process exited (or the container's main process, for an
 * attach), the user closed it, the browser went away without closing (network, sleep), the server
 * shut down, the user's credentials changed (password, role, sign-out), the host was changed or
 * removed, or the engine's stream failed. `unknown`: the server stopped without finishing the
 * row (a crash). A row still being written has none (null).
 */
export const terminalSessionEndSchema = z.enum([
  'exited',
  'closed-by-user',
  'browser-gone',
  'server-shutdown',
  'credentials-changed',
  'host-changed',
  'engine-error',
  'unknown',
])
export type TerminalSessionEnd = z.infer<typeof terminalSessionEndSchema>

/** One recorded terminal session (the audit of who ran what inside which container). */
export const terminalSessionSchema = z.object({
  id: z.string(),
  kind: terminalSessionKindSchema,
  hostId: z.string(),
  containerId: z.string(),
  containerName: z.string(),
  userId: z.string().nullable(),
  userName: z.string(),
  /** The command's words; an attach is `["attach"]`. */
  command: z.array(z.string()),
  /** The user inside the container the caller asked for; null: the image's default. */
  execUser: z.string().nullable(),
  /** The user it ran as, when known (the asked one, else the container's configured user). */
  execUserEffective: z.string().nullable(),
  startedAt: z.iso.datetime(),
  endedAt: z.iso.datetime().nullable(),
  /** Milliseconds from start to end; null while running or when unknown. */
  durationMs: z.number().int().nonnegative().nullable(),
  exitCode: z.number().int().nullable(),
  /** Bytes the browser typed (to the container) and bytes the container printed. */
  bytesIn: z.number().int().nonnegative(),
  bytesOut: z.number().int().nonnegative(),
  endedHow: terminalSessionEndSchema.nullable(),
  /** What the recording kept ('off': none). */
  recording: recordingModeSchema,
  /** Whether the recording can still be read (not pruned by age or size). */
  recordingAvailable: z.boolean(),
  recordingBytes: z.number().int().nonnegative(),
  /** Why a recording is incomplete (a slow disk dropped events, the size bound stopped it). */
  recordingNote: z.string().nullable(),
})
export type TerminalSession = z.infer<typeof terminalSessionSchema>

/** Filters of `GET /api/history/sessions`; pages go back in time with `before` (a start time). */
export const terminalSessionQuerySchema = z
  .object({
    hostId: z.string().min(1).max(64).optional(),
    /** A user's name or id, exactly. */
    user: z.string().min(1).max(64).optional(),
    /** A container's id or name, exactly. */
    container: z.string().min(1).max(256).optional(),
    /** Only the caller's own sessions, even for an admin (the account page). */
    mine: z.enum(['true', 'false']).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: z.iso.datetime().optional(),
  })
  .strict()
export type TerminalSessionQuery = z.input<typeof terminalSessionQuerySchema>

export const terminalSessionListSchema = z.object({
  sessions: z.array(terminalSessionSchema),
  /** Pass as `before` for the next (older) page; null on the last page. */
  nextBefore: z.iso.datetime().nullable(),
})
export type TerminalSessionList = z.infer<typeof terminalSessionListSchema>

export const terminalSessionParamsSchema = z.object({ id: z.string().min(1).max(64) })

/** Sent first on a terminal socket whose session is recorded, before any output. */
export const terminalRecordingMessageSchema = z.object({
  type: z.literal('recording'),
  mode: z.enum(['output', 'output-and-input']),
})
export type TerminalRecordingMessage = z.infer<typeof terminalRecordingMessageSchema>

/** The media type a recording is served with (asciinema's). */
export const ASCIICAST_MEDIA_TYPE = 'application/x-asciicast'
