import type { ContainerDetails } from '@harbormaster/engine'
import { type Context, Hono } from 'hono'
import type { WebSocket } from 'ws'
import { attachQuerySchema, containerParamsSchema, execQuerySchema } from '@harbormaster/contract'
import { audited } from '../audit/index.ts'
import { assertMayReachInside, resolveContainer } from '../containers/index.ts'
import type { AppEnv, HostContext } from '../app-env.ts'
import { ApiError } from '../platform/errors.ts'
import { upgradeLive } from '../platform/live-route.ts'
import { validate } from '../platform/validate.ts'
import { requireHostAction } from '../policy/index.ts'
import { runAttachSession } from './attach-session.ts'
import { assertMayExec } from './exec-access.ts'
import { withPidAnnouncement } from './exec-pid.ts'
import { runExecSession } from './exec-session.ts'
import type { TerminalSessionInfo as SessionInfo, TerminalTap } from './terminal-tap.ts'

const target = (c: Context<AppEnv>) => c.req.param('id')

/** Mounted at `/api/hosts/:hostId/containers`: interactive terminals over WebSockets. */
export const execRoutes = new Hono<AppEnv>()
  .get(
    '/:id/exec',
    audited('container.exec', target),
    requireHostAction('container.exec'),
    validate('param', containerParamsSchema),
    validate('query', execQuerySchema),
    async (c) => {
      const container = await resolveContainer(c, c.req.valid('param').id)
      const query = c.req.valid('query')
      c.set('auditDetails', { parameters: { user: query.user || undefined } })
      await assertMayExec(c, container, query.user)
      const cmd = query.cmd ?? [await defaultShell(c, container.id)]
      c.set('auditDetails', { parameters: { cmd, user: query.user || undefined } })
      // Created before the handshake, so a stopped container is a 409, not a socket that dies.
      const execId = await c.var.engine.exec.create(container.id, {
        cmd: (await hasShell(c, container.id)) ? withPidAnnouncement(cmd) : cmd,
        tty: true,
        stdin: true,
        env: ['TERM=xterm-256color'],
        consoleSize: { rows: query.rows, cols: query.cols },
        user: query.user || undefined,
        workingDir: query.workingDir || undefined,
      })
      const session = { execId, containerId: container.id, cols: query.cols, rows: query.rows }
      const audit = sessionInfo(c, container, 'exec', cmd, query)
      return upgradeLive(c, (ws) =>
        tapped(c, audit, ws, (tap) => runExecSession(c.var.engine, session, ws, tap)),
      )
    },
  )
  .get(
    '/:id/attach',
    audited('container.attach', target),
    requireHostAction('container.attach'),
    validate('param', containerParamsSchema),
    validate('query', attachQuerySchema),
    async (c) => {
      const container = await resolveContainer(c, c.req.valid('param').id)
      // Keystrokes reach the main process only when it keeps stdin open and the caller wants to type.
      const stdin = container.config.openStdin && c.req.valid('query').stdin
      c.set('auditDetails', { parameters: { stdin } })
      if (stdin) await assertMayReachInside(c, container, 'type into the main process')
      if (!container.state.running)
        throw new ApiError(409, 'conflict', `Container ${container.name} is not running`)
      const attached = { id: container.id, tty: container.config.tty, stdin }
      const audit = sessionInfo(c, container, 'attach', ['attach'], { cols: 80, rows: 24 })
      return upgradeLive(c, (ws) =>
        tapped(c, audit, ws, (tap) => runAttachSession(c.var.engine, attached, ws, tap)),
      )
    },
  )

function sessionInfo(
  c: HostContext,
  container: ContainerDetails,
  kind: SessionInfo['kind'],
  command: string[],
  size: { cols: number; rows: number; user?: string | undefined },
): SessionInfo {
  const principal = c.var.principal
  return {
    kind,
    hostId: c.var.hostId,
    container: {
      id: container.id,
      name: container.name,
      labels: container.config.labels,
      user: container.config.user,
    },
    caller: principal && { userId: principal.userId, username: principal.username },
    command,
    execUser: size.user || undefined,
    cols: size.cols,
    rows: size.rows,
  }
}

/** Runs a session with its audit row: begun when the socket opens, failed if it cannot start. */
async function tapped(
  c: HostContext,
  info: SessionInfo,
  ws: WebSocket,
  run: (tap: TerminalTap) => Promise<void>,
): Promise<void> {
  const tap = c.var.terminalSessions.begin(info, ws)
  try {
    await run(tap)
  } catch (err) {
    tap.engineFailed()
    throw err
  }
}

async function hasShell(c: HostContext, id: string): Promise<boolean> {
  return c.var.engine.archive.stat(id, '/bin/sh').then(
    () => true,
    () => false,
  )
}

/** A shell that exists in the image: bash when there is one, else sh. */
async function defaultShell(c: HostContext, id: string): Promise<string> {
  const hasBash = await c.var.engine.archive.stat(id, '/bin/bash').then(
    () => true,
    () => false,
  )
  return hasBash ? '/bin/bash' : '/bin/sh'
}
