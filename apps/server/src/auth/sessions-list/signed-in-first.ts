import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../../app-env.ts'
import { ApiError } from '../../platform/errors.ts'

/**
 * Refuses a request without a session or token before its audit: the audit records refused
 * `auth.*` actions even for anonymous callers (failed sign-ins must be seen), and these routes
 * are no sign-ins, so anyone could otherwise fill the log with them.
 */
export const signedInFirst = () =>
  createMiddleware<AppEnv>(async (c, next) => {
    if (c.var.principal === undefined) {
      throw new ApiError(401, 'unauthenticated', 'Sign in to continue')
    }
    await next()
  })
