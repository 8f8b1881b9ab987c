import { EventEmitter } from 'node:events'

/**
 * A user's password, role, grants or status changed, or sessions ended. With `sessionIdHash`
 * only that session ended, with `tokenId` only that API token was revoked; without either,
 * everything the user has open must re-check or close.
 */
export interface CredentialsChanged {
  userId: string
  sessionIdHash?: string
  tokenId?: string
}

interface UserEventMap {
  'credentials-changed': [CredentialsChanged]
}

/**
 * Process-wide: live WebSockets listen here and close with 1008, because they were authorised
 * once at the upgrade and would otherwise outlive a revoked session.
 */
export const userEvents = new EventEmitter<UserEventMap>()
// One listener per open socket is expected; the default cap of 10 would warn spuriously.
userEvents.setMaxListeners(0)
