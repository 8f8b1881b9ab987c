import { FitAddon } from '@xterm/addon-fit'
import { Terminal } from '@xterm/xterm'
import '@xterm/xterm/css/xterm.css'
import { useEffect, useRef, useState } from 'react'
import { useUrlParam } from '../app/url-state.ts'
import { Badge, Button, EmptyState } from '../ui/index.ts'
import { useExecSession, type ExecState } from './use-exec-session.ts'

const SHELLS = [
  { id: '', label: 'Default shell', cmd: '' },
  { id: 'sh', label: 'sh', cmd: '/bin/sh' },
  { id: 'bash', label: 'bash', cmd: '/bin/bash' },
  { id: 'custom', label: 'Custom…', cmd: '' },
]

/** xterm.js over the exec WebSocket, fitted to the pane, with a shell picker and reconnect. */
export function TerminalTab({
  hostId,
  containerId,
  running,
}: {
  hostId: string
  containerId: string
  running: boolean
}) {
  const [shell, setShell] = useUrlParam('shell')
  const [custom, setCustom] = useUrlParam('cmd')
  const [draft, setDraft] = useState(custom)
  const [attempt, setAttempt] = useState(0)
  const cmd = shell === 'custom' ? custom : (SHELLS.find((s) => s.id === shell)?.cmd ?? '')
  if (!running)
    return (
      <EmptyState title="The container is not running">Start it to open a terminal.</EmptyState>
    )
  return (
    <div className="terminal-tab">
      <div className="filters">
        <select
          aria-label="Shell"
          value={shell}
          onChange={(e) => {
            setShell(e.target.value)
          }}
        >
          {SHELLS.map((s) => (
            <option key={s.id} value={s.id}>
              {s.label}
            </option>
          ))}
        </select>
        {shell === 'custom' && (
          <form
            className="inline-form"
            onSubmit={(e) => {
              e.preventDefault()
              setCustom(draft.trim())
            }}
          >
            <input
              aria-label="Command"
              placeholder="e.g. /usr/bin/python3"
              value={draft}
              onChange={(e) => {
                setDraft(e.target.value)
              }}
            />
            <Button type="submit">Run</Button>
          </form>
        )}
      </div>
      {shell === 'custom' && custom === '' ? (
        <EmptyState title="Enter a command to run" />
      ) : (
        <TerminalPane
          key={`${cmd}#${attempt}`}
          hostId={hostId}
          containerId={containerId}
          cmd={cmd}
          onReconnect={() => {
            setAttempt((a) => a + 1)
          }}
        />
      )}
    </div>
  )
}

function TerminalPane({
  hostId,
  containerId,
  cmd,
  onReconnect,
}: {
  hostId: string
  containerId: string
  cmd: string
  onReconnect: () => void
}) {
  const paneRef = useRef<HTMLDivElement>(null)
  const [terminal, setTerminal] = useState<Terminal | null>(null)
  useEffect(() => {
    const pane = paneRef.current
    if (!pane) return
    const term = new Terminal({
      cursorBlink: true,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
      fontSize: 13,
      scrollback: 5000,
      // What the container prints is data: no hyperlinks are opened from it.
      linkHandler: null,
      theme: { background: '#0d1117', foreground: '#e6edf3' },
    })
    // OSC 8 (hyperlinks) and OSC 52 (clipboard) from the container are swallowed, never honoured.
    const osc8 = term.parser.registerOscHandler(8, () => true)
    const osc52 = term.parser.registerOscHandler(52, () => true)
    const fit = new FitAddon()
    term.loadAddon(fit)
    term.open(pane)
    fit.fit()
    const observer = new ResizeObserver(() => {
      fit.fit()
    })
    observer.observe(pane)
    setTerminal(term)
    return () => {
      observer.disconnect()
      osc8.dispose()
      osc52.dispose()
      term.dispose()
      setTerminal(null)
    }
  }, [])
  const state = useExecSession(terminal, { hostId, containerId, cmd, attempt: 0 })
  return (
    <div className="terminal-wrap">
      <div className="terminal-status">
        <SessionBadge state={state} />
        <Button
          variant="ghost"
          onClick={() => {
            const text = terminal?.getSelection() ?? ''
            if (text !== '') void navigator.clipboard.writeText(text)
          }}
        >
          Copy selection
        </Button>
        {(state.kind === 'exited' || state.kind === 'failed') && (
          <Button onClick={onReconnect}>Reconnect</Button>
        )}
      </div>
      {state.kind === 'failed' && (
        <p className="field-error" role="alert">
          {state.message}
        </p>
      )}
      <div className="terminal-pane" ref={paneRef} />
    </div>
  )
}

function SessionBadge({ state }: { state: ExecState }) {
  switch (state.kind) {
    case 'connecting':
      return <Badge tone="muted">connecting…</Badge>
    case 'open':
      return <Badge tone="ok">connected</Badge>
    case 'exited':
      return <Badge tone="warn">process exited (code {state.exitCode ?? 'unknown'})</Badge>
    case 'failed':
      return <Badge tone="bad">disconnected</Badge>
  }
}
