import type { SwarmNodeDetails } from '@harbormaster/contract'
import { type SubmitEvent, useState } from 'react'
import { Button, Dialog, FormActions, forms, texts, useToast } from '../../ui/index.ts'
import { type LabelRow, labelsChange, toRows } from './labels-change.ts'
import { useUpdateNode } from './node-queries.ts'

/**
 * The node's labels as key=value rows; saving sends only what changed (labels added or given a
 * new value, labels removed), so a label someone else set meanwhile is left alone.
 */
export function LabelsDialog({
  hostId,
  node,
  onClose,
}: {
  hostId: string
  node: SwarmNodeDetails
  onClose: () => void
}) {
  const toast = useToast()
  const [rows, setRows] = useState<LabelRow[]>(() => [...toRows(node.labels), blank()])
  const update = useUpdateNode(hostId, node.id)
  const { change, problem } = labelsChange(node.labels, rows)
  const handleSubmit = (e: SubmitEvent) => {
    e.preventDefault()
    if (change === undefined) return
    update.mutate(
      { labels: change },
      {
        onSuccess: () => {
          toast({ tone: 'ok', title: `Saved the labels of ${node.hostname}` })
          onClose()
        },
      },
    )
  }
  return (
    <Dialog open wide title={`Labels of ${node.hostname}`} onClose={onClose}>
      <form className={forms.form} onSubmit={handleSubmit} noValidate>
        <p className={texts.muted}>
          Placement constraints name these (<code>node.labels.key==value</code>): a service
          constrained to a label you remove gets no new tasks here.
        </p>
        <LabelRows rows={rows} onChange={setRows} />
        {problem !== undefined && <small className={forms.fieldError}>{problem}</small>}
        <FormActions
          error={update.error}
          submit="Save labels"
          busy={update.isPending}
          disabled={change === undefined}
          onCancel={onClose}
        />
      </form>
    </Dialog>
  )
}

const blank = (): LabelRow => ({ key: '', value: '' })

/** key=value rows that grow: a blank row is added with Add label, a row removed with ✕. */
function LabelRows({ rows, onChange }: { rows: LabelRow[]; onChange: (rows: LabelRow[]) => void }) {
  const edit = (i: number, patch: Partial<LabelRow>) => {
    onChange(rows.map((row, j) => (j === i ? { ...row, ...patch } : row)))
  }
  return (
    <fieldset className={forms.rows}>
      <legend>Labels</legend>
      {rows.map((row, i) => (
        <div className={forms.rowInputs} key={i}>
          <input
            aria-label={`Label ${i + 1} key`}
            placeholder="key"
            value={row.key}
            onChange={(e) => {
              edit(i, { key: e.target.value })
            }}
          />
          <span>=</span>
          <input
            aria-label={`Label ${i + 1} value`}
            placeholder="value"
            value={row.value}
            onChange={(e) => {
              edit(i, { value: e.target.value })
            }}
          />
          <Button
            variant="ghost"
            aria-label={`Remove label ${row.key || i + 1}`}
            onClick={() => {
              onChange(rows.filter((_, j) => j !== i))
            }}
          >
            ✕
          </Button>
        </div>
      ))}
      <Button
        onClick={() => {
          onChange([...rows, blank()])
        }}
      >
        Add label
      </Button>
    </fieldset>
  )
}
