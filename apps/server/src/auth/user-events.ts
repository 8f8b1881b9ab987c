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
 * One per app (`AppServices.userEvents`, built in services.ts): the stores say here when
 * credentials change, and live WebSockets listen and close with 1008, because they were
 * authorised once at the upgrade and would otherwise outlive a revoked session.
 */
export class UserEvents extends EventEmitter<UserEventMap> {
  constructor() {
    super()
    // One listener per open socket is expected; the default cap of 10 would warn spuriously.
    this.setMaxListeners(0)
  }
}
