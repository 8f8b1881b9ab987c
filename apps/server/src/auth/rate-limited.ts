import type { Context } from 'hono'
import type { AppEnv } from '../app-env.ts'
import { ApiError } from '../platform/errors.ts'
import { PasswordHasherBusyError } from './passwords.ts'

/** A 429 whose response carries `Retry-After` (onError keeps headers already set on c). */
export function rateLimited(c: Context<AppEnv>, seconds: number, message: string): ApiError {
  c.header('Retry-After', String(Math.max(1, seconds)))
  return new ApiError(429, 'rate_limited', message)
}

/** Awaits password work, turning a full hashing queue into a 429 instead of a 500. */
export async function whenHasherFree<T>(c: Context<AppEnv>, work: Promise<T>): Promise<T> {
  try {
    return await work
  } catch (err) {
    if (err instanceof PasswordHasherBusyError) throw rateLimited(c, 1, err.message)
    throw err
  }
}
