import type { Db } from '../db/database.ts'
import type { Principal } from '../policy/index.ts'
import { authServices } from './auth-services.ts'
import { loadPrincipal } from './users.ts'

/**
 * For sockets that outlive their upgrade: is this principal still signed in (its session live,
 * its API token not revoked), enabled, and with the credentials (password, role, status) it had
 * when the socket opened?
 */
export function principalStillValid(db: Db): (principal: Principal) => boolean {
  return (principal) => {
    const { sessions, tokens } = authServices(db)
    if (principal.via === 'session') {
      if (!principal.sessionIdHash || !sessions.isLive(principal.sessionIdHash)) return false
    } else if (!principal.tokenId || !tokens.isLive(principal.tokenId)) {
      return false
    }
    const current = loadPrincipal(db, principal.userId, principal.via)
    return (
      current?.credentialVersion === principal.credentialVersion && current.role === principal.role
    )
  }
}
