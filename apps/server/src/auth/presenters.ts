import type { ApiToken, AuthUser, UserSummary } from '@harbormaster/contract'
import type { Principal } from '../policy/roles.ts'
import type { ApiTokenRecord } from './tokens.ts'
import type { UserRecord } from './users.ts'

const iso = (ms: number) => new Date(ms).toISOString()

export function principalToAuthUser(principal: Principal): AuthUser {
  return {
    id: principal.userId,
    username: principal.username,
    role: principal.role,
    hostGrants: [...principal.hostGrants].map(([hostId, grant]) => ({ hostId, ...grant })),
    ...(principal.mustEnrolSecondFactor === true ? { mustEnrolSecondFactor: true } : {}),
  }
}

export function toAuthUser(user: UserRecord): AuthUser {
  return { id: user.id, username: user.username, role: user.role, hostGrants: user.hostGrants }
}

export function toUserSummary(user: UserRecord): UserSummary {
  return {
    ...toAuthUser(user),
    disabled: user.disabled,
    ...(user.singleSignOn ? { singleSignOn: true } : {}),
    createdAt: iso(user.createdAt),
    updatedAt: iso(user.updatedAt),
  }
}

export function toApiToken(token: ApiTokenRecord): ApiToken {
  return {
    id: token.id,
    name: token.name,
    createdAt: iso(token.createdAt),
    lastUsedAt: token.lastUsedAt === null ? null : iso(token.lastUsedAt),
  }
}
