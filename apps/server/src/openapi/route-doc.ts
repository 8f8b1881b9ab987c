import type { ZodType } from 'zod'

/**
 * One success answer: JSON with its contract schema, NDJSON with the schema of each line, other
 * media (tar archives, text) without a schema, or no body at all.
 */
export type Answer =
  | { description: string; json: ZodType }
  | { description: string; ndjson: ZodType }
  | {
      description: string
      media:
        'application/x-tar' | 'text/plain' | 'application/octet-stream' | 'application/x-asciicast'
    }
  | { description: string }

/** A request body a route reads itself (uploads), rather than through `validate('json')`. */
export interface ReadBody {
  required: boolean
  /** By media type; JSON bodies name the schema the route parses them with. */
  content: Record<string, { description: string; schema?: ZodType }>
}

/** The messages of a WebSocket route's text frames, from the contract's live schemas. */
export interface LiveMessages {
  server: ZodType
  client?: ZodType
  /** What binary frames carry, for the routes that use them. */
  binary?: string
}

/**
 * What the route table cannot say about a route: its purpose, its answers and its special
 * errors. Parameters and JSON bodies are read from the validators the route runs.
 */
export interface RouteDoc {
  summary: string
  description?: string
  /** Success answers by status; a WebSocket route answers 101 and has none here. */
  ok: Partial<Record<200 | 201 | 204, Answer>>
  /** Statuses particular to this route, and when they happen. */
  errors?: Partial<Record<number, string>>
  /** Callable without signing in (a session or token may still change the answer). */
  public?: true
  body?: ReadBody
  websocket?: LiveMessages
}

export const json = (json: ZodType, description: string): Answer => ({ description, json })
export const ndjson = (line: ZodType, description: string): Answer => ({
  description,
  ndjson: line,
})
export const tar = (description: string): Answer => ({ description, media: 'application/x-tar' })
export const text = (description: string): Answer => ({ description, media: 'text/plain' })
export const bytes = (description: string): Answer => ({
  description,
  media: 'application/octet-stream',
})
export const done = (description: string): Answer => ({ description })
