import { clsx } from 'clsx'
import { useEffect, useRef } from 'react'
import { Badge, Button, forms, layout, texts, type Tone } from '../ui/index.ts'
import type { StepRow } from './stack-progress.ts'
import type { StackOperation } from './use-stack-operation.ts'
import styles from './progress-panel.module.css'

const STATE_TONE: Record<StepRow['state'], Tone> = {
  started: 'info',
  progress: 'info',
  done: 'ok',
  failed: 'bad',
}

/**
 * The steps of the stack operation under way (or the last one), as they stream: the object,
 * its name, the action, its state, a pull's percentage and the engine's message. Cancel aborts
 * the request, which ends the operation on the server.
 */
export function ProgressPanel({ op }: { op: StackOperation }) {
  const listRef = useRef<HTMLOListElement>(null)
  const { steps, changes } = op.progress
  useEffect(() => {
    const list = listRef.current
    if (list) list.scrollTop = list.scrollHeight
  }, [steps])
  if (op.title === undefined) return null
  return (
    <section className={clsx(layout.card, styles.panel)} aria-label="Progress">
      <div className={layout.cardHead}>
        <h2>{op.title}</h2>
        <span className={layout.actions}>
          <span role="status">
            <Outcome op={op} />
          </span>
          {op.running ? (
            <Button onClick={op.cancel}>Cancel</Button>
          ) : (
            <Button variant="ghost" onClick={op.dismiss}>
              Close
            </Button>
          )}
        </span>
      </div>
      {op.error !== undefined && (
        <p className={forms.formError} role="alert">
          {op.error}
        </p>
      )}
      {steps.length > 0 && (
        <ol ref={listRef} className={styles.steps} aria-label="Steps">
          {steps.map((s) => (
            <li key={s.key} className={styles.step} data-state={s.state}>
              <span className={texts.muted}>{s.object}</span>
              <span title={s.name}>{s.name}</span>
              <span>{s.action}</span>
              <span>
                <Badge tone={STATE_TONE[s.state]}>{s.state}</Badge>
              </span>
              <span>
                {s.percent !== undefined && (
                  <progress max={100} value={s.percent} aria-label={`${s.name} ${s.percent}%`} />
                )}
              </span>
              <span className={styles.message} title={s.message}>
                {s.message}
              </span>
            </li>
          ))}
        </ol>
      )}
      {changes === 0 && <p className={texts.muted}>Nothing to do: everything was as asked.</p>}
    </section>
  )
}

function Outcome({ op }: { op: StackOperation }) {
  if (op.running) return <Badge tone="info">running…</Badge>
  if (op.cancelled) return <Badge tone="warn">cancelled</Badge>
  if (op.error !== undefined) return <Badge tone="bad">failed</Badge>
  if (op.progress.changes !== undefined) return <Badge tone="ok">done</Badge>
  return null
}
