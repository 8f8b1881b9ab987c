import { createReadStream, existsSync } from 'node:fs'
import { join } from 'node:path'
import {
  ASCIICAST_MEDIA_TYPE,
  type TerminalSession,
  type TerminalSessionList,
  terminalSessionParamsSchema,
  terminalSessionQuerySchema,
} from '@harbormaster/contract'
import { type Context, Hono } from 'hono'
import { stream } from 'hono/streaming'
import type { AppEnv } from '../../app-env.ts'
import { audited } from '../../audit/index.ts'
import { ApiError } from '../../platform/errors.ts'
import { validate } from '../../platform/validate.ts'
import {
  type Action,
  authorize,
  inScope,
  requireAction,
  requirePrincipal,
} from '../../policy/index.ts'
import type { StoredSession } from './session-store.ts'

const idOf = (c: Context<AppEnv>) => c.req.param('id')
const noSession = (id: string) => new ApiError(404, 'not_found', `No terminal session ${id}`)

/** Whether the caller may do `action` on this session's host, and sees its container there. */
function allowed(c: Context<AppEnv>, action: Action, stored: StoredSession): boolean {
  const decision = authorize(requirePrincipal(c), action, stored.session.hostId)
  return decision.allowed && inScope(decision.grant, stored.labels)
}

/**
 * Everyone's sessions for an admin (on the hosts and label scopes they administer), one's own
 * for everybody else; both narrowed to the caller's label scope on each host.
 */
function visible(c: Context<AppEnv>, stored: StoredSession): boolean {
  if (allowed(c, 'history.sessions.all', stored)) return true
  const own = stored.session.userId === requirePrincipal(c).userId
  return own && allowed(c, 'history.sessions.read', stored)
}

/** Mounted at /api/history/sessions: the terminal session audit and its recordings. */
export const terminalSessionRoutes = new Hono<AppEnv>()
  .get(
    '/',
    requireAction('history.sessions.read'),
    validate('query', terminalSessionQuerySchema),
    (c) => {
      const query = c.req.valid('query')
      const principal = requirePrincipal(c)
      const everyone = query.mine !== 'true' && authorize(principal, 'history.sessions.all').allowed
      const sessions = c.var.terminalSessions
      sessions.flush()
      const rows: TerminalSession[] = []
      let more = false
      for (const stored of sessions.store.list({
        ...query,
        userId: everyone ? undefined : principal.userId,
        before: query.before === undefined ? undefined : Date.parse(query.before),
      })) {
        if (!visible(c, stored)) continue
        if (rows.length === query.limit) {
          more = true
          break
        }
        rows.push(stored.session)
      }
      const last = rows.at(-1)
      const body: TerminalSessionList = {
        sessions: rows,
        nextBefore: more && last ? last.startedAt : null,
      }
      return c.json(body, 200)
    },
  )
  .get(
    '/:id/recording',
    audited('history.recording.read', idOf),
    requireAction('history.recordings.read'),
    validate('param', terminalSessionParamsSchema),
    (c) => {
      const { id } = c.req.valid('param')
      const sessions = c.var.terminalSessions
      sessions.flush()
      const stored = sessions.store.get(id)
      if (!stored || !allowed(c, 'history.recordings.read', stored)) throw noSession(id)
      const { session, recordingFile } = stored
      // Who watched whose session: the audit row names the session's user and container.
      c.set('auditDetails', {
        target: id,
        parameters: {
          hostId: session.hostId,
          container: session.containerName,
          sessionUser: session.userName,
        },
      })
      const path = recordingFile && join(sessions.recordingsDir, recordingFile)
      if (path === null || !existsSync(path)) {
        const why = session.recording === 'off' ? 'was not recorded' : 'recording was deleted'
        throw new ApiError(404, 'not_found', `Terminal session ${id} ${why}`)
      }
      c.header('Content-Type', ASCIICAST_MEDIA_TYPE)
      c.header('Cache-Control', 'no-store')
      const file = createReadStream(path)
      return stream(c, async (out) => {
        out.onAbort(() => {
          file.destroy()
        })
        for await (const chunk of file as AsyncIterable<Uint8Array>) await out.write(chunk)
      })
    },
  )
