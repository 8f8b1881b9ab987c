import type { Engine } from '@harbormaster/engine'
import { terminalClientMessageSchema } from '@harbormaster/contract'
import type { WebSocket } from 'ws'
import { parseMessage, sendMessage } from '../platform/live-route.ts'
import { pumpFromBrowser, pumpToBrowser, tieLifetimes } from '../platform/ws-bridge.ts'
import type { TerminalTap } from './terminal-tap.ts'
import { PidAnnouncementFilter } from './exec-pid.ts'

/** What the exec route prepared before the upgrade: the created exec and the terminal's size. */
export interface ExecSession {
  execId: string
  containerId: string
  cols: number
  rows: number
}

/**
 * Runs a created exec for one browser: starts it over a hijacked connection, relays terminal
 * bytes both ways, applies resizes, and reports the exit code when the process ends. The exec
 * id never leaves the server, so an exec is usable only by the socket of the user who created it.
 */
export async function runExecSession(
  engine: Engine,
  session: ExecSession,
  browser: WebSocket,
  tap: TerminalTap,
): Promise<void> {
  const { execId, cols, rows } = session
  const { socket } = await engine.exec.start(execId, { tty: true })
  // Engines before 1.42 take no initial size at create: set it now.
  await engine.exec.resize(execId, { cols, rows }).catch(() => undefined)
  let pid: number | undefined
  let ended = false
  const output = socket.pipe(new PidAnnouncementFilter((announced) => (pid = announced)))
  output.on('data', (chunk: Buffer) => {
    tap.output(chunk)
  })
  tapInput(browser, tap)
  socket.once('error', () => {
    tap.engineFailed()
  })
  pumpToBrowser(output, browser, (chunk) => chunk as Buffer)
  // Leaving the tab ends the process, not only the connection (see exec-pid.ts).
  browser.once('close', () => {
    if (pid !== undefined && !ended) void hangUp(engine, session.containerId, pid)
  })
  pumpFromBrowser(browser, socket, (text) => {
    const message = parseMessage(browser, terminalClientMessageSchema, text)
    if (!message) return
    tap.resize(message.cols, message.rows)
    void engine.exec.resize(execId, message).catch(() => undefined)
  })
  tieLifetimes(socket, browser, async () => {
    ended = true
    const exitCode = await exitCodeOf(engine, execId)
    tap.engineEnded(exitCode)
    sendMessage(browser, { type: 'exit', exitCode })
  })
}

/** Keystrokes (binary frames) are counted and, when the recording keeps input, recorded. */
export function tapInput(browser: WebSocket, tap: TerminalTap): void {
  browser.on('message', (data: Buffer, isBinary: boolean) => {
    if (isBinary) tap.input(data)
  })
}

/** The engine marks an exec finished a moment after its stream closes: ask a few times. */
async function exitCodeOf(engine: Engine, execId: string): Promise<number | null> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const details = await engine.exec.inspect(execId).catch(() => undefined)
    if (!details) return null
    if (!details.running && details.exitCode !== undefined) return details.exitCode
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return null
}

/** Sends the session's process SIGHUP, as closing a terminal does; SIGKILL if it ignores it. */
async function hangUp(engine: Engine, containerId: string, pid: number): Promise<void> {
  for (const signal of ['HUP', 'KILL']) {
    try {
      const killer = await engine.exec.create(containerId, {
        cmd: ['kill', `-${signal}`, String(pid)],
      })
      const { socket } = await engine.exec.start(killer)
      socket.resume()
      await new Promise((resolve) => socket.once('close', resolve))
      await new Promise((resolve) => setTimeout(resolve, 1000))
      const alive = await engine.exec.create(containerId, { cmd: ['kill', '-0', String(pid)] })
      const probe = await engine.exec.start(alive)
      probe.socket.resume()
      await new Promise((resolve) => probe.socket.once('close', resolve))
      if ((await engine.exec.inspect(alive)).exitCode !== 0) return
    } catch {
      return
    }
  }
}
