import { splitCommandLine } from '@harbormaster/contract'
import { useState } from 'react'
import { useUrlParam } from '../app/url-state.ts'
import { errorMessage } from '../platform/api-client.ts'
import { Button, EmptyState, layout, Spinner, texts, useToast } from '../ui/index.ts'
import type { TerminalBlock } from './terminal-check.ts'
import { TerminalPane } from './terminal-pane.tsx'
import { useRemedy, useTerminalGate } from './use-terminal-gate.ts'

const SHELLS = [
  { id: '', label: 'Default shell', cmd: '' },
  { id: 'sh', label: 'sh', cmd: '/bin/sh' },
  { id: 'bash', label: 'bash', cmd: '/bin/bash' },
  { id: 'custom', label: 'Custom…', cmd: '' },
]

export interface TerminalTabProps {
  hostId: string
  containerId: string
  running: boolean
  paused: boolean
  /** The main process reads stdin: an attached terminal can type into it. */
  openStdin: boolean
  /** The role may start and resume containers. */
  mayStart: boolean
  /**
   * Why this user may not run a shell here nor type into the main process (the container has
   * admin-only settings); they may still watch its output. Undefined when they may.
   */
  inputLocked?: string | undefined
}

/**
 * A shell in the container (exec) or its main process (attach), with a shell picker, a reconnect,
 * and a plain account of why a terminal cannot open.
 */
export function TerminalTab(props: TerminalTabProps) {
  const { hostId, containerId } = props
  const [mode, setMode] = useUrlParam('mode')
  const [shell, setShell] = useUrlParam('shell')
  const [custom, setCustom] = useUrlParam('cmd')
  const locked = props.inputLocked !== undefined
  const isAttach = locked || mode === 'attach'
  const cmd = shell === 'custom' ? custom : (SHELLS.find((s) => s.id === shell)?.cmd ?? '')
  const { gate, reconnect, recheck } = useTerminalGate(hostId, containerId, props)
  return (
    <div>
      {locked ? (
        <p role="note">
          {props.inputLocked} This terminal shows the main process&apos;s output, read-only.
        </p>
      ) : (
        <TerminalPicker
          isAttach={isAttach}
          setMode={setMode}
          shell={shell}
          setShell={setShell}
          custom={custom}
          setCustom={setCustom}
        />
      )}
      {isAttach && !locked && (
        <p className={texts.muted}>
          {props.openStdin
            ? 'Keystrokes go to the main process: Ctrl-C may stop the container. Leaving this tab detaches.'
            : 'The main process does not read stdin: its output only. Leaving this tab detaches.'}
        </p>
      )}
      {gate.kind === 'checking' ? (
        <Spinner label="Checking the container…" />
      ) : gate.kind === 'blocked' ? (
        <Blocked {...props} block={gate.block} onCheck={reconnect} />
      ) : !isAttach && shell === 'custom' && custom === '' ? (
        <EmptyState title="Enter a command to run" />
      ) : !isAttach && splitCommandLine(cmd) === undefined ? (
        <EmptyState title="The command has a quote that is not closed" />
      ) : (
        <TerminalPane
          key={`${isAttach ? 'attach' : 'exec'}#${cmd}#${gate.attempt}`}
          hostId={hostId}
          containerId={containerId}
          mode={isAttach ? 'attach' : 'exec'}
          cmd={cmd}
          readOnly={locked}
          onReconnect={reconnect}
          onDropped={recheck}
        />
      )}
    </div>
  )
}

function Blocked({
  hostId,
  containerId,
  mayStart,
  block,
  onCheck,
}: TerminalTabProps & { block: TerminalBlock; onCheck: () => void }) {
  const remedy = useRemedy(hostId, containerId)
  const toast = useToast()
  const [busy, setBusy] = useState(false)
  const handleRemedy = async (action: 'start' | 'unpause') => {
    setBusy(true)
    try {
      await remedy(action)
    } catch (err) {
      toast({
        tone: 'bad',
        title: `Could not ${action === 'start' ? 'start' : 'resume'} it`,
        body: errorMessage(err),
      })
    } finally {
      setBusy(false)
    }
  }
  return (
    <div role="status">
      <EmptyState title={block.title}>
        <p>{block.detail}</p>
        <div className={layout.actions}>
          {mayStart && block.remedy !== undefined && (
            <Button
              variant="primary"
              busy={busy}
              onClick={() => void handleRemedy(block.remedy ?? 'start')}
            >
              {block.remedy === 'start' ? 'Start' : 'Resume'}
            </Button>
          )}
          <Button onClick={onCheck}>Check again</Button>
        </div>
      </EmptyState>
    </div>
  )
}

/** Exec or attach; for exec, which shell or command. */
function TerminalPicker({
  isAttach,
  setMode,
  shell,
  setShell,
  custom,
  setCustom,
}: {
  isAttach: boolean
  setMode: (mode: string) => void
  shell: string
  setShell: (shell: string) => void
  custom: string
  setCustom: (cmd: string) => void
}) {
  const [draft, setDraft] = useState(custom)
  const [draftError, setDraftError] = useState<string>()
  return (
    <div className={layout.filters}>
      <select
        aria-label="Terminal mode"
        value={isAttach ? 'attach' : ''}
        onChange={(e) => {
          setMode(e.target.value)
        }}
      >
        <option value="">New shell (exec)</option>
        <option value="attach">Attach to the main process</option>
      </select>
      {!isAttach && (
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
      )}
      {!isAttach && shell === 'custom' && (
        <form
          className={layout.inlineForm}
          onSubmit={(e) => {
            e.preventDefault()
            const open = splitCommandLine(draft) === undefined
            setDraftError(open ? 'A quote is not closed' : undefined)
            if (!open) setCustom(draft.trim())
          }}
        >
          <input
            aria-label="Command"
            placeholder={`e.g. sh -c "ls -l /"`}
            value={draft}
            aria-invalid={draftError !== undefined}
            aria-describedby={draftError === undefined ? undefined : 'command-error'}
            onChange={(e) => {
              setDraft(e.target.value)
            }}
          />
          <Button type="submit">Run</Button>
          {draftError !== undefined && (
            <span id="command-error" role="alert" className={texts.bad}>
              {draftError}
            </span>
          )}
        </form>
      )}
    </div>
  )
}
