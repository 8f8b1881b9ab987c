import { passwordSchema } from '@harbormaster/contract'
import type { Logger } from 'pino'
import { AuditLog } from '../audit/index.ts'
import type { Db } from '../db/database.ts'
import type { AuthServices } from './auth-services.ts'
import { hashPassword } from './passwords.ts'
import type { UserRecord, UserStore } from './users.ts'

/**
 * Creates the first admin only while there are no users, atomically: two racing setup requests
 * both hash, but only the first insert wins. Undefined when setup is already closed.
 */
export function createFirstAdmin(
  db: Db,
  users: UserStore,
  admin: { username: string; passwordHash: string },
): UserRecord | undefined {
  return db.transaction(() =>
    users.count() === 0 ? users.create({ ...admin, role: 'admin' }) : undefined,
  )()
}

/**
 * At start-up, while there are no users (and so no HARBORMASTER_ADMIN_PASSWORD): issues the
 * setup code and logs it at warn, which every level but error, fatal and silent shows. The code
 * is in the message itself, where the logger's redaction (field names) never looks. Returns the
 * code (tests sign up with it), or undefined when setup is closed.
 */
export function openSetup(
  auth: AuthServices,
  publicOrigin: string,
  logger: Logger,
): string | undefined {
  const { users, setupCode } = auth
  if (users.count() > 0) {
    setupCode.close()
    return undefined
  }
  const code = setupCode.issue()
  logger.warn(`setup code: ${code} (enter it on the first-run page at ${publicOrigin})`)
  return code
}

/**
 * At start-up: given `HARBORMASTER_ADMIN_PASSWORD` and no users yet, creates the user `admin`
 * with it, so setup is never left open. An existing admin's password is not changed.
 *
 * @throws {Error} when the variable is not an acceptable password.
 */
export async function ensureFirstAdmin(
  db: Db,
  auth: AuthServices,
  password: string | undefined,
): Promise<UserRecord | undefined> {
  if (password === undefined || password === '') return undefined
  const { users } = auth
  if (users.count() > 0) return undefined
  const parsed = passwordSchema.safeParse(password)
  if (!parsed.success) {
    const reason = parsed.error.issues[0]?.message ?? 'invalid'
    throw new Error(`Invalid configuration: HARBORMASTER_ADMIN_PASSWORD: ${reason}`)
  }
  const user = createFirstAdmin(db, users, {
    username: 'admin',
    passwordHash: await hashPassword(password),
  })
  if (user) {
    new AuditLog(db).record({
      actorName: 'system',
      action: 'auth.setup',
      target: 'admin',
      status: 201,
    })
  }
  return user
}
