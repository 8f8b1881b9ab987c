import { authSettingsSchema, type AuthSettings } from '@harbormaster/contract'
import { Hono } from 'hono'
import { audited } from '../../audit/index.ts'
import type { AppEnv } from '../../app-env.ts'
import { requireAction, requirePrincipal } from '../../policy/index.ts'
import { ApiError } from '../../platform/errors.ts'
import { validate } from '../../platform/validate.ts'

/** Mounted at /api/auth/settings: the server-wide sign-in rules, admins only, audited. */
export const authSettingsRoutes = new Hono<AppEnv>()
  .get('/', requireAction('users.manage'), (c) =>
    c.json<AuthSettings>(c.var.auth.settings.get(), 200),
  )
  .put(
    '/',
    audited('auth.settings'),
    requireAction('users.manage'),
    validate('json', authSettingsSchema),
    (c) => {
      const change = c.req.valid('json')
      c.set('auditDetails', { parameters: change })
      // Only admins with a password, and nobody else able to sign in at all: refused.
      if (change.passwordSignIn === 'admins' && !c.var.auth.oidc) {
        throw new ApiError(
          409,
          'conflict',
          'Single sign-on is not configured: password sign-in stays on for everyone',
        )
      }
      const principal = requirePrincipal(c)
      return c.json<AuthSettings>(c.var.auth.settings.set(change, principal.userId), 200)
    },
  )
