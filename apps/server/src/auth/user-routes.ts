import {
  createUserRequestSchema,
  idParamsSchema,
  resetPasswordRequestSchema,
  updateUserRequestSchema,
  type UserList,
  type UserResponse,
} from '@harbormaster/contract'
import { Hono, type Context } from 'hono'
import { audited } from '../audit/index.ts'
import type { AppEnv } from '../app-env.ts'
import { requireAction, requirePrincipal } from '../policy/index.ts'
import { ApiError } from '../platform/errors.ts'
import { validate } from '../platform/validate.ts'
import { hashPassword } from './passwords.ts'
import { toUserSummary } from './presenters.ts'
import { whenHasherFree } from './rate-limited.ts'
import { userSessionRoutes } from './sessions-list/index.ts'
import { deleteUser, updateUser } from './user-admin.ts'

const idOf = (c: Context<AppEnv>) => c.req.param('id')

const taken = (username: string) =>
  new ApiError(409, 'conflict', `A user named ${username} already exists`)

/** Mounted at /api/users; admins only. The audit records who changed whom, never a password. */
export const userRoutes = new Hono<AppEnv>()
  .route('/:id/sessions', userSessionRoutes)
  .get('/', requireAction('users.manage'), (c) => {
    const { users, secondFactors } = c.var.auth
    const list = users.list().map((user) => ({
      ...toUserSummary(user),
      secondFactors: secondFactors.methodsOf(user.id),
    }))
    return c.json<UserList>({ users: list }, 200)
  })
  .post(
    '/',
    audited('user.create'),
    requireAction('users.manage'),
    validate('json', createUserRequestSchema),
    async (c) => {
      const { password, ...rest } = c.req.valid('json')
      c.set('auditDetails', { target: rest.username, parameters: rest })
      const { users } = c.var.auth
      if (users.getByUsername(rest.username)) throw taken(rest.username)
      const passwordHash = await whenHasherFree(c, hashPassword(password))
      // Checked again at insert: another request may have taken the name while we hashed.
      if (users.getByUsername(rest.username)) throw taken(rest.username)
      const user = users.create({ ...rest, passwordHash })
      c.set('auditDetails', { target: user.id, parameters: rest })
      return c.json<UserResponse>({ user: toUserSummary(user) }, 201)
    },
  )
  .patch(
    '/:id',
    audited('user.update', idOf),
    requireAction('users.manage'),
    validate('param', idParamsSchema),
    validate('json', updateUserRequestSchema),
    (c) => {
      const change = c.req.valid('json')
      c.set('auditDetails', { parameters: change })
      const user = updateUser(c.var.db, c.var.auth.users, c.req.valid('param').id, change)
      return c.json<UserResponse>({ user: toUserSummary(user) }, 200)
    },
  )
  .post(
    '/:id/password',
    audited('user.reset-password', idOf),
    requireAction('users.manage'),
    validate('param', idParamsSchema),
    validate('json', resetPasswordRequestSchema),
    async (c) => {
      const { id } = c.req.valid('param')
      const { users } = c.var.auth
      const user = users.get(id)
      if (!user) throw new ApiError(404, 'not_found', `No user with id ${id}`)
      // A password would open a second way into an identity the provider owns.
      if (user.singleSignOn) {
        throw new ApiError(409, 'conflict', 'This user signs in with single sign-on: no password')
      }
      const passwordHash = await whenHasherFree(c, hashPassword(c.req.valid('json').password))
      // Ends all the user's sessions (the admin's own too, when resetting their own password).
      if (!users.setPassword(id, passwordHash)) {
        throw new ApiError(404, 'not_found', `No user with id ${id}`)
      }
      return c.body(null, 204)
    },
  )
  // For a user who lost their authenticator and passkeys: they sign in with their password and
  // enrol again (at once, when their role requires a second factor).
  .delete(
    '/:id/second-factors',
    audited('user.reset-second-factors', idOf),
    requireAction('users.manage'),
    validate('param', idParamsSchema),
    (c) => {
      const { id } = c.req.valid('param')
      const { users, secondFactors } = c.var.auth
      if (!users.get(id)) throw new ApiError(404, 'not_found', `No user with id ${id}`)
      secondFactors.resetAll(id)
      return c.body(null, 204)
    },
  )
  .delete(
    '/:id',
    audited('user.delete', idOf),
    requireAction('users.manage'),
    validate('param', idParamsSchema),
    (c) => {
      const { id } = c.req.valid('param')
      deleteUser(c.var.db, c.var.auth.users, id, requirePrincipal(c).userId)
      return c.body(null, 204)
    },
  )
