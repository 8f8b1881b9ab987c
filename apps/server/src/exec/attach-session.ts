import { type Engine, toFrames } from '@harbormaster/engine'
import { terminalClientMessageSchema } from '@harbormaster/contract'
import type { WebSocket } from 'ws'
import { parseMessage } from '../platform/live-route.ts'
import { pumpFromBrowser, pumpToBrowser, tieLifetimes } from '../platform/ws-bridge.ts'

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
): Promise<void> {
  const { socket, tty } = await engine.containerStreams.attach(target.id, {
    stdin: target.stdin,
    tty: target.tty,
  })
  pumpToBrowser(tty ? socket : toFrames(socket, tty), browser, (chunk) =>
    Buffer.isBuffer(chunk) ? chunk : (chunk as { data: Buffer }).data,
  )
  pumpFromBrowser(browser, target.stdin ? socket : undefined, (text) => {
    const message = parseMessage(browser, terminalClientMessageSchema, text)
    if (message) void engine.containers.resize(target.id, message).catch(() => undefined)
  })
  tieLifetimes(socket, browser, () => undefined)
}
