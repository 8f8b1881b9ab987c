import {
  sessionParamsSchema,
  type SessionsEnded,
  type SignInSessionList,
} from '@harbormaster/contract'
import { Hono } from 'hono'
import { audited } from '../../audit/index.ts'
import type { AppEnv } from '../../app-env.ts'
import { requireAction, requirePrincipal } from '../../policy/index.ts'
import { ApiError } from '../../platform/errors.ts'
import { validate } from '../../platform/validate.ts'
import { clearSessionCookie } from '../session-cookie.ts'
import { signedInFirst } from './signed-in-first.ts'
import { toSignInSession } from './present.ts'

/**
 * Mounted at /api/auth/sessions: the caller's own sessions. Another user's session id answers
 * 404, as an unknown one does, so ids cannot be probed for their owners.
 */
export const ownSessionRoutes = new Hono<AppEnv>()
  .get('/', requireAction('account.self'), (c) => {
    const principal = requirePrincipal(c)
    const records = c.var.auth.sessions.listForUser(principal.userId)
    const sessions = records.map((r) => toSignInSession(r, principal.sessionIdHash))
    return c.json<SignInSessionList>({ sessions }, 200)
  })
  .post(
    '/revoke-others',
    signedInFirst(),
    audited('auth.session.revoke-others'),
    requireAction('account.self'),
    (c) => {
      const principal = requirePrincipal(c)
      // "Else" is relative to a browser session; a token would end them all, itself staying.
      if (principal.sessionIdHash === undefined) {
        throw new ApiError(403, 'forbidden', 'Sign out everywhere else from a browser session')
      }
      const { sessions } = c.var.auth
      const kept = sessions
        .listForUser(principal.userId)
        .find((r) => r.idHash === principal.sessionIdHash)
      const ended = sessions.revokeOthers(principal.userId, principal.sessionIdHash)
      const target = kept === undefined ? {} : { target: kept.publicId }
      c.set('auditDetails', { ...target, parameters: { ended } })
      return c.json<SessionsEnded>({ ended: ended.length }, 200)
    },
  )
  .delete(
    '/:id',
    signedInFirst(),
    audited('auth.session.revoke', (c) => c.req.param('id')),
    requireAction('account.self'),
    validate('param', sessionParamsSchema),
    (c) => {
      const principal = requirePrincipal(c)
      const { id } = c.req.valid('param')
      const services = c.var.auth
      const idHash = services.sessions.revokeByPublicId(principal.userId, id)
      if (idHash === undefined)
        throw new ApiError(404, 'not_found', `No session of yours with id ${id}`)
      // Ending the session this browser is using is signing out: the cookie goes too.
      if (idHash === principal.sessionIdHash) clearSessionCookie(c, services)
      return c.body(null, 204)
    },
  )
