import type { UpdateUserRequest } from '@harbormaster/contract'
import type { Db } from '../db/database.ts'
import { ApiError } from '../platform/errors.ts'
import type { UserRecord, UserStore } from './users.ts'

const notFound = (id: string) => new ApiError(404, 'not_found', `No user with id ${id}`)
const lastAdmin = () =>
  new ApiError(
    409,
    'conflict',
    'At least one enabled admin must remain: promote another user first',
  )

const isEnabledAdmin = (user: UserRecord) => user.role === 'admin' && !user.disabled

/**
 * Applies an admin's edit of a user in one transaction, refusing to demote or disable the last
 * enabled admin (checked and written in the same transaction, so two admins demoting each other
 * at once cannot both succeed).
 *
 * @throws {ApiError} 404 for an unknown user, 409 for the last enabled admin.
 */
export function updateUser(
  db: Db,
  users: UserStore,
  id: string,
  change: UpdateUserRequest,
): UserRecord {
  return db.transaction(() => {
    const user = users.get(id)
    if (!user) throw notFound(id)
    const losesAdmin =
      isEnabledAdmin(user) &&
      ((change.role !== undefined && change.role !== 'admin') || change.disabled === true)
    if (losesAdmin && users.countEnabledAdmins() <= 1) throw lastAdmin()
    const credentials = {
      role: change.role,
      disabled: change.disabled,
    }
    users.update(id, credentials)
    if (change.hostGrants !== undefined) users.setHostGrants(id, change.hostGrants)
    return users.get(id) ?? user
  })()
}

/**
 * Deletes a user other than the caller, never the last enabled admin.
 *
 * @throws {ApiError} 404 unknown user, 409 for oneself or the last enabled admin.
 */
export function deleteUser(db: Db, users: UserStore, id: string, callerId: string): void {
  if (id === callerId) throw new ApiError(409, 'conflict', 'You cannot delete your own account')
  db.transaction(() => {
    const user = users.get(id)
    if (!user) throw notFound(id)
    if (isEnabledAdmin(user) && users.countEnabledAdmins() <= 1) throw lastAdmin()
    users.delete(id)
  })()
}
