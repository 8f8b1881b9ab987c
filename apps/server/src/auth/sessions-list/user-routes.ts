import {
  idParamsSchema,
  userSessionParamsSchema,
  type SessionsEnded,
  type SignInSessionList,
} from '@harbormaster/contract'
import { Hono, type Context } from 'hono'
import { audited } from '../../audit/index.ts'
import type { AppEnv } from '../../app-env.ts'
import { requireAction, requirePrincipal } from '../../policy/index.ts'
import { ApiError } from '../../platform/errors.ts'
import { validate } from '../../platform/validate.ts'
import { clearSessionCookie } from '../session-cookie.ts'
import { toSignInSession } from './present.ts'

const noUser = (id: string) => new ApiError(404, 'not_found', `No user with id ${id}`)

/** The user named in the path, or 404. */
function userOf(c: Context<AppEnv>, id: string): string {
  if (!c.var.auth.users.get(id)) throw noUser(id)
  return id
}

/**
 * Mounted at /api/users/:id/sessions; admins only. Ending all of a user's sessions is also how
 * an admin makes a single-sign-on user's role mapping apply now: they must sign in again.
 */
export const userSessionRoutes = new Hono<AppEnv>()
  .get('/', requireAction('users.manage'), validate('param', idParamsSchema), (c) => {
    const id = userOf(c, c.req.valid('param').id)
    const current = requirePrincipal(c).sessionIdHash
    const sessions = c.var.auth.sessions.listForUser(id).map((r) => toSignInSession(r, current))
    return c.json<SignInSessionList>({ sessions }, 200)
  })
  .delete(
    '/',
    audited('user.end-sessions', (c) => c.req.param('id')),
    requireAction('users.manage'),
    validate('param', idParamsSchema),
    (c) => {
      const id = userOf(c, c.req.valid('param').id)
      const ended = c.var.auth.sessions.revokeOthers(id, undefined)
      c.set('auditDetails', { parameters: { ended } })
      // An admin who ended their own sessions ended this one too: this browser is signed out.
      if (id === requirePrincipal(c).userId) clearSessionCookie(c, c.var.auth)
      return c.json<SessionsEnded>({ ended: ended.length }, 200)
    },
  )
  .delete(
    '/:sessionId',
    audited('user.session.revoke', (c) => c.req.param('sessionId')),
    requireAction('users.manage'),
    validate('param', userSessionParamsSchema),
    (c) => {
      const { id, sessionId } = c.req.valid('param')
      userOf(c, id)
      const idHash = c.var.auth.sessions.revokeByPublicId(id, sessionId)
      if (idHash === undefined) {
        throw new ApiError(404, 'not_found', `No session ${sessionId} of this user`)
      }
      c.set('auditDetails', { parameters: { userId: id } })
      if (idHash === requirePrincipal(c).sessionIdHash) clearSessionCookie(c, c.var.auth)
      return c.body(null, 204)
    },
  )
