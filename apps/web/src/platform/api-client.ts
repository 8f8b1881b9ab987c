import type { AppType } from '@harbormaster/server/api-type'
import { apiErrorSchema, type ErrorCode } from '@harbormaster/contract'
import { hc } from 'hono/client'

export const api = hc<AppType>(`${window.location.origin}/api`)

export class ApiRequestError extends Error {
  readonly status: number
  readonly code: ErrorCode | 'network'

  constructor(status: number, code: ErrorCode | 'network', message: string) {
    super(message)
    this.status = status
    this.code = code
  }
}

/** Throws ApiRequestError with the server's code and message for a non-2xx answer. */
export async function ensureOk(res: Response): Promise<Response> {
  if (res.ok) return res
  const body = apiErrorSchema.safeParse(await res.json().catch(() => undefined))
  if (!body.success)
    throw new ApiRequestError(res.status, 'internal', `Unexpected response (${res.status})`)
  throw new ApiRequestError(res.status, body.data.error.code, body.data.error.message)
}

/** Returns the typed success body or throws ApiRequestError with the server's code and message. */
export async function unwrap<T>(
  request: Promise<{ ok: boolean; status: number; json(): Promise<T> }>,
): Promise<T> {
  let res: Awaited<typeof request>
  try {
    res = await request
  } catch {
    throw new ApiRequestError(0, 'network', 'The server could not be reached')
  }
  if (res.ok) return res.status === 204 ? (undefined as T) : res.json()
  const body = apiErrorSchema.safeParse(await res.json().catch(() => undefined))
  if (!body.success)
    throw new ApiRequestError(res.status, 'internal', `Unexpected response (${res.status})`)
  throw new ApiRequestError(res.status, body.data.error.code, body.data.error.message)
}

/** A path under /api with every dynamic segment URL-encoded. */
export function apiPath(strings: TemplateStringsArray, ...values: string[]): string {
  return strings.reduce(
    (path, part, i) => path + part + (i < values.length ? encodeURIComponent(values[i] ?? '') : ''),
    '/api',
  )
}

/**
 * fetch() for routes the typed client cannot express (raw bodies, streams). Same-origin, so the
 * browser sends the session cookie and Sec-Fetch-Site: same-origin.
 */
export async function apiFetch(path: string, init?: RequestInit): Promise<Response> {
  let res: Response
  try {
    res = await fetch(path, { credentials: 'same-origin', ...init })
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err
    throw new ApiRequestError(0, 'network', 'The server could not be reached')
  }
  return ensureOk(res)
}

/** A message for any thrown value, keeping the server's (and the engine's) words. */
export function errorMessage(err: unknown): string {
  if (err instanceof Error) return err.message
  return String(err)
}
