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

/** 0–100 for a layer, or undefined when the engine gave no sizes. */
export function layerPercent(layer: LayerProgress): number | undefined {
  if (layer.status.startsWith('Pull complete') || layer.status.startsWith('Already exists'))
    return 100
  if (!layer.total || layer.current === undefined) return undefined
  return Math.min(100, Math.round((layer.current / layer.total) * 100))
}
