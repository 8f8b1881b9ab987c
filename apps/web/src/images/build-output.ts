import { progressLineSchema } from '@harbormaster/contract'

/** What a build (or an import) has said so far, as `docker build` prints it. */
export interface BuildOutput {
  text: string
  /** The new image's id, from the engine's `aux` line (builds) or its last status (imports). */
  imageId?: string
  error?: string
}

export const emptyBuildOutput: BuildOutput = { text: '' }

/** Long builds print a lot: the dialog keeps the tail, as a terminal's scrollback would. */
export const OUTPUT_LIMIT_CHARS = 256 * 1024

// Colour and cursor sequences (CSI) of RUN steps that think they have a terminal.
// eslint-disable-next-line no-control-regex
const ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]/g

/** Folds one NDJSON line of a build or an import into the text shown in the dialog. */
export function applyBuildLine(state: BuildOutput, line: unknown): BuildOutput {
  const parsed = progressLineSchema.safeParse(line)
  if (!parsed.success) return state
  const data = parsed.data
  if ('error' in data) return { ...state, error: data.error.message }
  const id = data.aux?.ID
  const imageId = typeof id === 'string' ? id : importedId(data.status)
  const next = imageId === undefined ? state : { ...state, imageId }
  const said = data.stream ?? (data.status === undefined ? '' : statusLine(data.id, data.status))
  if (said === '') return next
  const text = (next.text + said.replace(ANSI, '')).slice(-OUTPUT_LIMIT_CHARS)
  return { ...next, text }
}

// A pull inside a build reports per layer; an import ends with the new id as its status.
function statusLine(id: string | undefined, status: string): string {
  return `${id === undefined || id === '' ? '' : `${id}: `}${status}\n`
}

function importedId(status: string | undefined): string | undefined {
  return status !== undefined && /^sha256:[0-9a-f]{64}$/.test(status) ? status : undefined
}
