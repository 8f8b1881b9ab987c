import {
  encodeCommandQuery,
  splitCommandLine,
  terminalServerMessageSchema,
  type TerminalClientMessage,
  type TerminalRecordingMessage,
} from '@harbormaster/contract'
import type { Terminal } from '@xterm/xterm'
import { useEffect, useState } from 'react'
import { apiPath } from '../platform/api-client.ts'
import { openLiveSocket, parseJson, wsUrl } from '../platform/socket.ts'
import { useResetOnChange } from '../platform/use-reset-on-change.ts'

/** What the server records of this session (its banner), when it does. */
export type RecordingMode = TerminalRecordingMessage['mode']

/** A new process in the container (exec), or its main process (attach). */
export type TerminalMode = 'exec' | 'attach'

export type SessionState =
  | { kind: 'connecting' }
  | { kind: 'open' }
  | { kind: 'exited'; exitCode: number | null }
  /** Attach only: the stream ended (the main process exited, or the server closed it). */
  | { kind: 'detached' }
  | { kind: 'failed'; message: string }

interface SessionTarget {
  hostId: string
  containerId: string
  mode: TerminalMode
  /** Exec only: the command line as typed; '' for a shell that exists in the image. */
  cmd: string
  /** Attach only: output only, no keystrokes sent (`stdin=false`). */
  readOnly: boolean
  /** Stable (memoised): a new function would open a new session. */
  onDropped: () => void
}

function sessionUrl(
  { hostId, containerId, mode, cmd, readOnly }: SessionTarget,
  term: Terminal,
): string {
  if (mode === 'attach')
    return wsUrl(apiPath`/hosts/${hostId}/containers/${containerId}/attach`, {
      stdin: readOnly ? 'false' : undefined,
    })
  // The words, not the line: the server runs them as they are, with no shell in between.
  const words = splitCommandLine(cmd) ?? []
  return wsUrl(apiPath`/hosts/${hostId}/containers/${containerId}/exec`, {
    cols: String(term.cols),
    rows: String(term.rows),
    cmd: words.length === 0 ? undefined : encodeCommandQuery(words),
  })
}

/**
 * One terminal session over the WebSocket: keystrokes and output are binary frames, resizes are
 * JSON text frames. The session ends with the component (an exec's process is ended by the
 * server; an attach detaches). `onDropped` runs when the socket closes without an answer, so the
 * caller can find out why (a refused upgrade is only close code 1006 here).
 */
export function useTerminalSession(
  terminal: Terminal | null,
  target: SessionTarget,
): { state: SessionState; recording: RecordingMode | null } {
  const { hostId, containerId, mode, cmd, readOnly, onDropped } = target
  const [state, setState] = useState<SessionState>({ kind: 'connecting' })
  const [recording, setRecording] = useState<RecordingMode | null>(null)
  // A new session (or the terminal it runs in) starts out connecting.
  useResetOnChange([terminal, hostId, containerId, mode, cmd, readOnly, onDropped], () => {
    setState({ kind: 'connecting' })
    setRecording(null)
  })
  useEffect(() => {
    if (!terminal) return
    let finished = false
    const encoder = new TextEncoder()
    const send = (message: TerminalClientMessage) => socket.send(JSON.stringify(message))
    const socket = openLiveSocket({
      url: () => sessionUrl({ hostId, containerId, mode, cmd, readOnly, onDropped }, terminal),
      onStatus: (status, code) => {
        if (status === 'open') setState({ kind: 'open' })
        if (status !== 'closed' || finished) return
        finished = true
        if (mode === 'attach' && code === 1000) {
          setState({ kind: 'detached' })
          return
        }
        setState({
          kind: 'failed',
          message:
            code === 1006
              ? 'The connection was refused or lost. If the container is running, this shell may not exist in the image.'
              : `The connection closed (code ${code ?? '?'}).`,
        })
        onDropped()
      },
      onOpen: () => {
        terminal.focus()
        // Exec is created at this size; an attached main process learns it now.
        if (mode === 'attach') send({ type: 'resize', cols: terminal.cols, rows: terminal.rows })
      },
      onMessage: (data) => {
        if (typeof data !== 'string') {
          terminal.write(new Uint8Array(data))
          return
        }
        const message = terminalServerMessageSchema.safeParse(parseJson(data))
        if (!message.success) return
        // The server records this session: said before any output, so before anyone types.
        if (message.data.type === 'recording') {
          setRecording(message.data.mode)
          return
        }
        finished = true
        if (message.data.type === 'exit')
          setState({ kind: 'exited', exitCode: message.data.exitCode })
        else setState({ kind: 'failed', message: message.data.error.message })
      },
    })
    const input = terminal.onData((text) => {
      if (!readOnly) socket.send(encoder.encode(text))
    })
    const binary = terminal.onBinary((text) => {
      if (!readOnly) socket.send(Uint8Array.from(text, (ch) => ch.charCodeAt(0) & 0xff))
    })
    const resize = terminal.onResize(({ cols, rows }) => {
      send({ type: 'resize', cols, rows })
    })
    return () => {
      input.dispose()
      binary.dispose()
      resize.dispose()
      socket.close()
    }
  }, [terminal, hostId, containerId, mode, cmd, readOnly, onDropped])
  return { state, recording }
}
