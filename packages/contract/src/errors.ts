import { z } from 'zod'

export const errorCodes = [
  'invalid_request',
  'unauthenticated',
  'forbidden',
  /** 421: the request names a host this dashboard does not answer to (DNS rebinding). */
  'misdirected',
  'not_found',
  'conflict',
  'payload_too_large',
  'rate_limited',
  'engine_unreachable',
  'engine_timeout',
  'engine_error',
  /** 501: the host's engine API version has no such view ("This engine's API 1.15 has no networks"). */
  'engine_unsupported',
  /** 502: the host's engine is older than API 1.12, or its pinned version is one it cannot serve. */
  'engine_version',
  'unavailable',
  'internal',
] as const
export type ErrorCode = (typeof errorCodes)[number]

/** Every error answer of the API: `{ "error": { "code", "message" } }`. */
export const apiErrorSchema = z.object({
  error: z.object({ code: z.enum(errorCodes), message: z.string() }),
})
export type ApiErrorBody = z.infer<typeof apiErrorSchema>
