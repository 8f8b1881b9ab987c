import type { StdioFrame } from '@harbormaster/engine'
import {
  containerParamsSchema,
  logsDownloadQuerySchema,
  logsQuerySchema,
} from '@harbormaster/contract'
import { Hono } from 'hono'
import { stream } from 'hono/streaming'
import { resolveContainer } from '../containers/index.ts'
import type { AppEnv } from '../app-env.ts'
import { upgradeLive } from '../platform/live-route.ts'
import { abortWithClient } from '../platform/ndjson-response.ts'
import { validate } from '../platform/validate.ts'
import { requireHostAction } from '../policy/index.ts'
import { logFileDisposition, writeLogText } from './log-download.ts'
import { toLogOptions } from './log-query.ts'
import { runLogSession } from './log-session.ts'

/**
 * Mounted at `/api/hosts/:hostId/containers`: container logs, live over a WebSocket or as a
 * text download. Reads, so not audited; `container.logs` is a viewer's action.
 */
export const logRoutes = new Hono<AppEnv>()
  .get(
    '/:id/logs',
    requireHostAction('container.logs'),
    validate('param', containerParamsSchema),
    validate('query', logsQuerySchema),
    async (c) => {
      // Before the handshake: an unknown or out-of-scope container is a 404, a bad time a 400.
      const container = await resolveContainer(c, c.req.valid('param').id)
      const request = {
        containerId: container.id,
        tty: container.config.tty,
        options: toLogOptions(c.req.valid('query')),
      }
      return upgradeLive(c, (ws) => {
        runLogSession(c.var.engine, request, ws, c.var.logger)
      })
    },
  )
  .get(
    '/:id/logs/download',
    requireHostAction('container.logs'),
    validate('param', containerParamsSchema),
    validate('query', logsDownloadQuerySchema),
    async (c) => {
      const container = await resolveContainer(c, c.req.valid('param').id)
      const options = toLogOptions(c.req.valid('query'))
      const work = abortWithClient(c)
      const frames = await c.var.engine.containerStreams.logs(container.id, {
        ...options,
        follow: false,
        tty: container.config.tty,
        signal: work.signal,
      })
      c.header('Content-Type', 'text/plain; charset=utf-8')
      c.header('Content-Disposition', logFileDisposition(container.name))
      c.header('Cache-Control', 'no-store')
      return stream(c, async (out) => {
        out.onAbort(() => {
          work.abort(new Error('The client went away'))
          frames.destroy()
        })
        try {
          await writeLogText(frames as AsyncIterable<StdioFrame>, (text) => out.write(text))
        } catch (err) {
          if (out.aborted || work.signal.aborted) return
          // The 200 is sent: say in the file that it is cut short rather than end it silently.
          c.var.logger.warn({ err, path: c.req.path }, 'log download failed')
          await out.write(`\n[Harbormaster: the log could not be read to its end]\n`)
        } finally {
          frames.destroy()
        }
      })
    },
  )
