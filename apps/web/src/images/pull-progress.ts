import { progressLineSchema } from '@harbormaster/contract'

export interface LayerProgress {
  id: string
  status: string
  current?: number
  total?: number
}

export interface PullState {
  layers: LayerProgress[]
  /** Lines without a layer id ("Pulling from library/nginx", "Digest: …", "Status: …"). */
  messages: string[]
  error?: string
}

export const emptyPull: PullState = { layers: [], messages: [] }

/** Folds one NDJSON line of a pull into the per-layer view (`docker pull`'s display). */
export function applyProgressLine(state: PullState, line: unknown): PullState {
  const parsed = progressLineSchema.safeParse(line)
  if (!parsed.success) return state
  const data = parsed.data
  if ('error' in data) return { ...state, error: data.error.message }
  const status = data.status ?? ''
  if (data.id === undefined || data.id === '' || !/^[\w.-]+$/.test(data.id)) {
    return status === '' ? state : { ...state, messages: [...state.messages, status] }
  }
  // "Pulling from library/nginx" carries the tag as id: a message, not a layer.
  if (status.startsWith('Pulling from'))
    return { ...state, messages: [...state.messages, `${status} (${data.id})`] }
  const layer: LayerProgress = {
    id: data.id,
    status,
    ...(data.current === undefined ? {} : { current: data.current }),
    ...(data.total === undefined ? {} : { total: data.total }),
  }
  const index = state.layers.findIndex((l) => l.id === data.id)
  const layers =
    index < 0 ? [...state.layers, layer] : state.layers.map((l, i) => (i === index ? layer : l))
  return { ...state, layers }
}

/** Reads an NDJSON body line by line (lines split across chunks are joined). */
export async function readNdjson(
  body: ReadableStream<Uint8Array>,
  onLine: (value: unknown) => void,
): Promise<void> {
  const reader = body.getReader()
  const decoder = new TextDecoder()
  let pending = ''
  for (;;) {
    const { value, done } = await reader.read()
    if (done) break
    pending += decoder.decode(value, { stream: true })
    const lines = pending.split('\n')
    pending = lines.pop() ?? ''
    for (const line of lines) if (line.trim() !== '') onLine(safeJson(line))
  }
  if (pending.trim() !== '') onLine(safeJson(pending))
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text) as unknown
  } catch {
    return undefined
  }
}

/** 0–100 for a layer, or undefined when the engine gave no sizes. */
export function layerPercent(layer: LayerProgress): number | undefined {
  if (layer.status.startsWith('Pull complete') || layer.status.startsWith('Already exists'))
    return 100
  if (!layer.total || layer.current === undefined) return undefined
  return Math.min(100, Math.round((layer.current / layer.total) * 100))
}
