import { useRef } from 'react'
import { copyText } from '../platform/clipboard.ts'
import { Badge, bannerClass, Button, forms, useColorScheme, useToast } from '../ui/index.ts'
import { terminalTheme } from './terminal-theme.ts'
import { useXterm } from './use-xterm.ts'
import { type SessionState, type TerminalMode, useTerminalSession } from './use-terminal-session.ts'
import styles from './terminal-pane.module.css'

/** xterm.js fitted to the pane, themed like the system (live), over one session. */
export function TerminalPane({
  hostId,
  containerId,
  mode,
  cmd,
  readOnly = false,
  onReconnect,
  onDropped,
}: {
  hostId: string
  containerId: string
  mode: TerminalMode
  cmd: string
  /** Attach only: watch the output; keystrokes are not sent (the server would refuse them). */
  readOnly?: boolean
  onReconnect: () => void
  onDropped: () => void
}) {
  const paneRef = useRef<HTMLDivElement>(null)
  const scheme = useColorScheme()
  const theme = terminalTheme(scheme)
  const terminal = useXterm(paneRef, { theme, readOnly })
  const { state, recording } = useTerminalSession(terminal, {
    hostId,
    containerId,
    mode,
    cmd,
    readOnly,
    onDropped,
  })
  const toast = useToast()
  const copySelection = async () => {
    const text = terminal?.getSelection() ?? ''
    if (text === '') {
      toast({ tone: 'muted', title: 'Select text in the terminal first' })
      return
    }
    if (await copyText(text)) toast({ tone: 'ok', title: 'Copied' })
    else toast({ tone: 'bad', title: 'The browser refused to copy: use Ctrl+Shift+C' })
  }
  return (
    <div className={styles.wrap}>
      <div className={styles.status}>
        <SessionBadge state={state} mode={mode} readOnly={readOnly} />
        <Button
          variant="ghost"
          title="Copy the selection (Ctrl+Shift+C); paste with Ctrl+Shift+V"
          onClick={() => void copySelection()}
        >
          Copy selection
        </Button>
        {state.kind !== 'open' && state.kind !== 'connecting' && (
          <Button onClick={onReconnect}>Reconnect</Button>
        )}
      </div>
      {recording !== null && (
        <p className={bannerClass('info')} role="status">
          This session is recorded: {recording === 'output' ? 'output' : 'output and input'}.
          {recording === 'output-and-input' && ' What you type is kept too, passwords included.'}
        </p>
      )}
      {state.kind === 'failed' && (
        <p className={forms.fieldError} role="alert">
          {state.message}
        </p>
      )}
      <div
        className={styles.pane}
        style={{ background: theme.background }}
        ref={paneRef}
        data-scheme={scheme}
      />
    </div>
  )
}

function SessionBadge({
  state,
  mode,
  readOnly,
}: {
  state: SessionState
  mode: TerminalMode
  readOnly: boolean
}) {
  switch (state.kind) {
    case 'connecting':
      return <Badge tone="muted">connecting…</Badge>
    case 'open':
      return (
        <Badge tone="ok">
          {mode === 'attach' ? (readOnly ? 'attached, read-only' : 'attached') : 'connected'}
        </Badge>
      )
    case 'exited':
      return <Badge tone="warn">process exited (code {state.exitCode ?? 'unknown'})</Badge>
    case 'detached':
      return <Badge tone="warn">detached: the output ended</Badge>
    case 'failed':
      return <Badge tone="bad">disconnected</Badge>
  }
}
