import {
  createApiTokenRequestSchema,
  idParamsSchema,
  type ApiTokenList,
  type CreatedApiToken,
} from '@harbormaster/contract'
import { Hono } from 'hono'
import { audited } from '../audit/index.ts'
import type { AppEnv } from '../app-env.ts'
import { requireAction, requirePrincipal } from '../policy/index.ts'
import { ApiError } from '../platform/errors.ts'
import { validate } from '../platform/validate.ts'
import { toApiToken } from './presenters.ts'

/**
 * Mounted at /api/tokens: every signed-in user manages their own tokens, which act with the
 * user's current role. The token's value is in the creation answer only, never in the audit.
 */
export const tokenRoutes = new Hono<AppEnv>()
  .get('/', requireAction('account.self'), (c) => {
    const tokens = c.var.auth.tokens.list(requirePrincipal(c).userId)
    return c.json<ApiTokenList>({ tokens: tokens.map(toApiToken) }, 200)
  })
  .post(
    '/',
    audited('token.create'),
    requireAction('account.self'),
    validate('json', createApiTokenRequestSchema),
    (c) => {
      const principal = requirePrincipal(c)
      // A leaked token must not be able to mint itself successors that outlive its revocation.
      if (principal.via !== 'session') {
        throw new ApiError(403, 'forbidden', 'API tokens are created in a browser session')
      }
      const { name } = c.req.valid('json')
      const { token, record } = c.var.auth.tokens.create(principal.userId, name)
      c.set('auditDetails', { target: record.id, parameters: { name } })
      return c.json<CreatedApiToken>({ ...toApiToken(record), token }, 201)
    },
  )
  .delete(
    '/:id',
    audited('token.revoke', (c) => c.req.param('id')),
    requireAction('account.self'),
    validate('param', idParamsSchema),
    (c) => {
      const { id } = c.req.valid('param')
      if (!c.var.auth.tokens.revoke(requirePrincipal(c).userId, id)) {
        throw new ApiError(404, 'not_found', `No API token with id ${id}`)
      }
      return c.body(null, 204)
    },
  )
