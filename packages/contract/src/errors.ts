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
  'unavailable',
  'internal',
] as const
export type ErrorCode = (typeof errorCodes)[number]

/** Every error answer of the API: `{ "error": { "code", "message" } }`. */
export const apiErrorSchema = z.object({
  error: z.object({ code: z.enum(errorCodes), message: z.string() }),
})
export type ApiErrorBody = z.infer<typeof apiErrorSchema>
