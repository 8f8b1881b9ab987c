import { type Engine, toFrames } from '@harbormaster/engine'
import { type TerminalServerMessage, terminalClientMessageSchema } from '@harbormaster/contract'
import type { WebSocket } from 'ws'
import { parseMessage, sendMessage } from '../platform/live-route.ts'
import { pumpFromBrowser, pumpToBrowser, tieLifetimes } from '../platform/ws-bridge.ts'

/**
 * Runs a created exec for one browser: starts it over a hijacked connection, relays terminal
 * bytes both ways, applies resizes, and reports the exit code when the process ends. The exec
 * id never leaves the server, so an exec is usable only by the socket of the user who created it.
 */
export async function runExecSession(
  engine: Engine,
  session: { execId: string; cols: number; rows: number } | undefined,
  browser: WebSocket,
): Promise<void> {
  if (!session) throw new Error('exec session missing')
  const { execId, cols, rows } = session
  const { socket, tty } = await engine.exec.start(execId, { tty: true })
  // Engines before 1.42 take no initial size at create: set it now.
  await engine.exec.resize(execId, { cols, rows }).catch(() => undefined)
  pumpToBrowser(tty ? socket : toFrames(socket, tty), browser, (chunk) =>
    Buffer.isBuffer(chunk) ? chunk : (chunk as { data: Buffer }).data,
  )
  pumpFromBrowser(browser, socket, (text) => {
    const message = parseMessage(browser, terminalClientMessageSchema, text)
    if (message) void engine.exec.resize(execId, message).catch(() => undefined)
  })
  tieLifetimes(socket, browser, async () => {
    sendMessage<TerminalServerMessage>(browser, {
      type: 'exit',
      exitCode: await exitCodeOf(engine, execId),
    })
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
