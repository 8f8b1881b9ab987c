import type { Principal } from '../policy/index.ts'
import type { AuthServices } from './auth-services.ts'
import { loadPrincipal } from './users.ts'

/**
 * For sockets that outlive their upgrade: is this principal still signed in (its session live,
 * its API token not revoked), enabled, and with the credentials (password, role, status) it had
 * when the socket opened?
 */
export function principalStillValid(auth: AuthServices): (principal: Principal) => boolean {
  const { sessions, tokens, users } = auth
  return (principal) => {
    if (principal.via === 'session') {
      if (!principal.sessionIdHash || !sessions.isLive(principal.sessionIdHash)) return false
    } else if (!principal.tokenId || !tokens.isLive(principal.tokenId)) {
      return false
    }
    const current = loadPrincipal(users, principal.userId, principal.via)
    return (
      current?.credentialVersion === principal.credentialVersion && current.role === principal.role
    )
  }
}
