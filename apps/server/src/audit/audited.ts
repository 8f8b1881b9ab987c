import type { Context } from 'hono'
import { createMiddleware } from 'hono/factory'
import type { AppEnv } from '../app-env.ts'
import { toErrorResponse } from '../platform/errors.ts'
import { AuditLog } from './audit-log.ts'
import { clientAddress } from '../platform/client-address.ts'
import type { StreamOutcome } from '../platform/platform-env.ts'
import { redact } from './redact.ts'

type TargetOf = (c: Context<AppEnv>) => string | undefined

/**
 * Records every attempt at `action`, refused and failed ones included: by the time next()
 * resolves, onError has turned any thrown error into c.res, so the stored status is the one the
 * caller saw. Mount it before the role check and the validator so refusals are recorded too.
 * Handlers add a target and parameters through `c.set('auditDetails', ...)`; parameters are
 * redacted. Never throws: a failed audit write is logged, not raised.
 */
export const audited = (action: string, targetOf?: TargetOf) =>
  createMiddleware<AppEnv>(async (c, next) => {
    let failed = false
    try {
      await next()
    } catch (err) {
      failed = true
      throw err
    } finally {
      // A streamed answer (pull, build...) is recorded when its work ends, with how it ended.
      const streamed = failed ? undefined : c.var.streamOutcome
      if (streamed)
        void streamed.then((outcome) => {
          write(c, action, targetOf, false, outcome)
        })
      else write(c, action, targetOf, failed)
    }
  })

function write(
  c: Context<AppEnv>,
  action: string,
  targetOf: TargetOf | undefined,
  failed: boolean,
  outcome?: StreamOutcome,
) {
  try {
    const status = outcome?.status ?? (failed ? 500 : c.res.status)
    const details = c.var.auditDetails
    const principal = c.var.principal
    // Anonymous requests refused for want of a session are not actions of anyone, and recording
    // each would let anybody fill the database; failed sign-ins (auth.*) are still recorded.
    if (!principal && status === 401 && !action.startsWith('auth.')) return
    const parameters =
      details?.parameters && (redact(details.parameters) as Record<string, unknown>)
    new AuditLog(c.var.db).record({
      actorId: principal?.userId,
      actorName: principal?.username,
      hostId: c.req.param('hostId'),
      action,
      target: details?.target ?? targetOf?.(c),
      parameters,
      status,
      error: outcome ? outcome.error : status >= 400 ? errorMessage(c) : undefined,
      address: clientAddress(c),
    })
  } catch (err) {
    c.var.logger?.error({ err, action }, 'audit write failed')
  }
}

/** The message the caller was given, never an internal one (toErrorResponse hides those). */
function errorMessage(c: Context<AppEnv>): string | undefined {
  return c.error ? toErrorResponse(c.error).body.error.message : undefined
}
