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
  if (res.ok) return res.json()
  const body = apiErrorSchema.safeParse(await res.json().catch(() => undefined))
  if (!body.success)
    throw new ApiRequestError(res.status, 'internal', `Unexpected response (${res.status})`)
  throw new ApiRequestError(res.status, body.data.error.code, body.data.error.message)
}
