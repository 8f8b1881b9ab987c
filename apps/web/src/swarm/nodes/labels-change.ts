import { type NodeUpdate, nodeUpdateSchema } from '@harbormaster/contract'

/** One row of the labels editor, as typed. */
export interface LabelRow {
  key: string
  value: string
}

export const toRows = (labels: Record<string, string>): LabelRow[] =>
  Object.entries(labels)
    .sort(([a], [b]) => a.localeCompare(b))
    .map(([key, value]) => ({ key, value }))

type LabelsChange = NonNullable<NodeUpdate['labels']>

/**
 * The `labels` of a node PATCH that turns `current` into the rows: keys new or with another value
 * are added (swarm replaces a value on add), keys no row names any more are removed. Undefined
 * when nothing changes; a problem when two rows name one key or a key is not one swarm takes.
 */
export function labelsChange(
  current: Record<string, string>,
  rows: LabelRow[],
): { change?: LabelsChange; problem?: string } {
  const named = rows.filter((row) => row.key.trim() !== '' || row.value !== '')
  const wanted = new Map<string, string>()
  for (const row of named) {
    const key = row.key.trim()
    if (key === '') return { problem: `Name the key of the label with value “${row.value}”` }
    if (wanted.has(key)) return { problem: `The key ${key} is named twice` }
    wanted.set(key, row.value)
  }
  const add = Object.fromEntries([...wanted].filter(([key, value]) => current[key] !== value))
  const remove = Object.keys(current).filter((key) => !wanted.has(key))
  if (Object.keys(add).length === 0 && remove.length === 0) return {}
  const change: LabelsChange = {
    ...(Object.keys(add).length > 0 ? { add } : {}),
    ...(remove.length > 0 ? { remove } : {}),
  }
  const parsed = nodeUpdateSchema.safeParse({ labels: change })
  if (!parsed.success) return { problem: parsed.error.issues[0]?.message ?? 'Invalid labels' }
  return { change }
}
