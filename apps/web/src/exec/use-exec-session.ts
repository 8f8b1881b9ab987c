import { terminalServerMessageSchema, type TerminalClientMessage } from '@harbormaster/contract'
import type { Terminal } from '@xterm/xterm'
import { useEffect, useState } from 'react'
import { apiPath } from '../platform/api-client.ts'
import { openLiveSocket, parseJson, wsUrl } from '../platform/socket.ts'

export type ExecState =
  | { kind: 'connecting' }
  | { kind: 'open' }
  | { kind: 'exited'; exitCode: number | null }
  | { kind: 'failed'; message: string }

/**
 * One exec session over the WebSocket: keystrokes and output are binary frames, resizes are JSON
 * text frames. The session ends with the component (the server kills the process).
 */
export function useExecSession(
  terminal: Terminal | null,
  target: { hostId: string; containerId: string; cmd: string; attempt: number },
): ExecState {
  const { hostId, containerId, cmd, attempt } = target
  const [state, setState] = useState<ExecState>({ kind: 'connecting' })
  useEffect(() => {
    if (!terminal) return
    setState({ kind: 'connecting' })
    let finished = false
    const encoder = new TextEncoder()
    const socket = openLiveSocket({
      url: () =>
        wsUrl(apiPath`/hosts/${hostId}/containers/${containerId}/exec`, {
          cols: String(terminal.cols),
          rows: String(terminal.rows),
          cmd: cmd === '' ? undefined : cmd,
        }),
      onStatus: (status, code) => {
        if (status === 'open') setState({ kind: 'open' })
        if (status === 'closed' && !finished) {
          finished = true
          setState({
            kind: 'failed',
            message:
              code === 1006
                ? 'The shell could not be started or the connection was lost: the container may have stopped, or this shell may not exist in the image.'
                : `The connection closed (code ${code ?? '?'}).`,
          })
        }
      },
      onOpen: () => {
        terminal.focus()
      },
      onMessage: (data) => {
        if (typeof data !== 'string') {
          terminal.write(new Uint8Array(data))
          return
        }
        const message = terminalServerMessageSchema.safeParse(parseJson(data))
        if (!message.success) return
        finished = true
        if (message.data.type === 'exit')
          setState({ kind: 'exited', exitCode: message.data.exitCode })
        else setState({ kind: 'failed', message: message.data.error.message })
      },
    })
    const send = (message: TerminalClientMessage) => socket.send(JSON.stringify(message))
    const input = terminal.onData((text) => {
      socket.send(encoder.encode(text))
    })
    const binary = terminal.onBinary((text) => {
      socket.send(Uint8Array.from(text, (ch) => ch.charCodeAt(0) & 0xff))
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
  }, [terminal, hostId, containerId, cmd, attempt])
  return state
}
