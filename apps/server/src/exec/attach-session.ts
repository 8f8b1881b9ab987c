import { type Engine, toFrames } from '@harbormaster/engine'
import { terminalClientMessageSchema } from '@harbormaster/contract'
import { WebSocket } from 'ws'
import { parseMessage } from '../platform/live-route.ts'
import { pumpFromBrowser, pumpToBrowser, tieLifetimes } from '../platform/ws-bridge.ts'
import type { TerminalTap } from './terminal-tap.ts'
import { tapInput } from './exec-session.ts'

export interface AttachTarget {
  id: string
  tty: boolean
  /** The container keeps stdin open: keystrokes reach its main process. */
  stdin: boolean
}

/**
 * Attaches a browser to a container's main process: its output (demultiplexed when it has no
 * TTY) as binary frames, and keystrokes to its stdin when the container keeps stdin open.
 * Closing the browser detaches; the container keeps running.
 */
export async function runAttachSession(
  engine: Engine,
  target: AttachTarget,
  browser: WebSocket,
  tap: TerminalTap,
): Promise<void> {
  const { socket, tty } = await engine.containerStreams.attach(target.id, {
    stdin: target.stdin,
    tty: target.tty,
  })
  const output = tty ? socket : toFrames(socket, tty)
  const bytesOf = (chunk: unknown) =>
    Buffer.isBuffer(chunk) ? chunk : (chunk as { data: Buffer }).data
  output.on('data', (chunk: unknown) => {
    tap.output(bytesOf(chunk))
  })
  if (target.stdin) tapInput(browser, tap)
  socket.once('error', () => {
    tap.engineFailed()
  })
  pumpToBrowser(output, browser, bytesOf)
  pumpFromBrowser(browser, target.stdin ? socket : undefined, (text) => {
    const message = parseMessage(browser, terminalClientMessageSchema, text)
    if (!message) return
    tap.resize(message.cols, message.rows)
    void engine.containers.resize(target.id, message).catch(() => undefined)
  })
  tieLifetimes(socket, browser, async () => {
    // The browser still there: the main process ended the stream (asked); else it detached.
    const ended = browser.readyState === WebSocket.OPEN
    tap.engineEnded(ended ? await mainProcessExitCode(engine, target.id) : null)
  })
}

/** The engine marks the container stopped a moment after its stream closes: ask a few times. */
async function mainProcessExitCode(engine: Engine, id: string): Promise<number | null> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const details = await engine.containers.inspect(id).catch(() => undefined)
    if (!details) return null
    if (!details.state.running) return details.state.exitCode
    await new Promise((resolve) => setTimeout(resolve, 50))
  }
  return null
}
