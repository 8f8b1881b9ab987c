import { type StackStep, stackLineSchema } from '@harbormaster/contract'

/** One row of the progress panel: the latest state of one step on one object. */
export interface StepRow {
  key: string
  object: StackStep['object']
  name: string
  service?: string
  action: StackStep['action']
  state: StackStep['state']
  /** 0–100 while a pull says how far it is. */
  percent?: number
  message?: string
}

/** What a stack operation has said so far: its steps, then how it ended. */
export interface StackProgress {
  steps: StepRow[]
  /** The operation ran to its end: how many changes it made on the engine. */
  changes?: number
  /** The server's or the engine's words when it failed. */
  error?: string
}

export const emptyProgress: StackProgress = { steps: [] }

/**
 * Folds one NDJSON line of a stack operation into the panel's rows: a step's later lines
 * (progress, done, failed) update its row in place, so each object and action is one line.
 */
export function applyStackLine(progress: StackProgress, line: unknown): StackProgress {
  const parsed = stackLineSchema.safeParse(line)
  if (!parsed.success) return progress
  const data = parsed.data
  if ('error' in data) return { ...progress, error: data.error.message }
  if (data.type === 'done') return { ...progress, changes: data.changes }
  const row = toRow(data)
  const index = progress.steps.findIndex((s) => s.key === row.key)
  const previous = index < 0 ? undefined : progress.steps[index]
  // A later line without a message or sizes keeps what the earlier ones said.
  const merged: StepRow = {
    ...previous,
    ...row,
    ...(row.percent === undefined && previous?.percent !== undefined && row.state !== 'done'
      ? { percent: previous.percent }
      : {}),
    ...(row.message === undefined && previous?.message !== undefined
      ? { message: previous.message }
      : {}),
  }
  const steps =
    index < 0
      ? [...progress.steps, merged]
      : progress.steps.map((s, i) => (i === index ? merged : s))
  const failure = data.state === 'failed' ? { error: failedMessage(data) } : {}
  return { ...progress, steps, ...failure }
}

function toRow(step: StackStep): StepRow {
  const percent =
    step.total && step.current !== undefined
      ? Math.min(100, Math.round((step.current / step.total) * 100))
      : step.state === 'done' && step.action === 'pull'
        ? 100
        : undefined
  return {
    key: `${step.object}\0${step.name}\0${step.action}`,
    object: step.object,
    name: step.name,
    action: step.action,
    state: step.state,
    ...(step.service === undefined ? {} : { service: step.service }),
    ...(percent === undefined ? {} : { percent }),
    ...(step.message === undefined ? {} : { message: step.message }),
  }
}

function failedMessage(step: StackStep): string {
  const what = `${step.action} ${step.object} ${step.name}`
  return step.message === undefined ? `Could not ${what}` : `${what}: ${step.message}`
}
