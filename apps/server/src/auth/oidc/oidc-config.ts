import { readFileSync } from 'node:fs'
import { z } from 'zod'
import { type HostRoleRule, type RoleRule, parseHostRoleMap, parseRoleMap } from './role-map.ts'

/** Single sign-on with an OpenID provider, from the HARBORMASTER_OIDC_* variables. */
export interface OidcConfig {
  /** The provider's issuer identifier; its metadata is at `/.well-known/openid-configuration`. */
  issuer: URL
  clientId: string
  /** Absent for a public client (PKCE alone). Never logged, never in the audit log. */
  clientSecret?: string | undefined
  /** Space-separated, `openid` always among them. */
  scopes: string
  /** The button reads "Sign in with <name>". */
  name: string
  groupsClaim: string
  usernameClaim: string
  /** Groups to the global role; empty: roles are set by admins in Harbormaster. */
  roleMap: RoleRule[]
  /** Groups to per-host roles; empty: grants are set by admins in Harbormaster. */
  hostRoleMap: HostRoleRule[]
  /** Whether a first sign-in creates the user (else only known SSO users get in). */
  createUsers: boolean
  /** `<public URL>/api/auth/oidc/callback`, registered at the provider. */
  redirectUri: string
  /** Where the provider sends the browser after an RP-initiated logout. */
  postLogoutRedirectUri: string
}

const envSchema = z.object({
  HARBORMASTER_OIDC_ISSUER: z.url({ protocol: /^https?$/ }).optional(),
  HARBORMASTER_OIDC_CLIENT_ID: z.string().min(1).optional(),
  HARBORMASTER_OIDC_CLIENT_SECRET: z.string().min(1).optional(),
  HARBORMASTER_OIDC_CLIENT_SECRET_FILE: z.string().min(1).optional(),
  HARBORMASTER_OIDC_SCOPES: z.string().default('openid profile email'),
  HARBORMASTER_OIDC_NAME: z.string().trim().min(1).max(64).optional(),
  HARBORMASTER_OIDC_GROUPS_CLAIM: z.string().min(1).default('groups'),
  HARBORMASTER_OIDC_USERNAME_CLAIM: z.string().min(1).default('preferred_username'),
  HARBORMASTER_OIDC_ROLE_MAP: z.string().default(''),
  HARBORMASTER_OIDC_HOST_ROLE_MAP: z.string().default(''),
  HARBORMASTER_OIDC_CREATE_USERS: z.stringbool().default(true),
})

const invalid = (message: string) => new Error(`Invalid configuration: ${message}`)

/**
 * Reads the single sign-on settings, or undefined when HARBORMASTER_OIDC_ISSUER is unset.
 * Errors name the variable, never a secret's value.
 */
export function loadOidcConfig(
  env: NodeJS.ProcessEnv,
  publicOrigin: string,
): OidcConfig | undefined {
  const parsed = envSchema.safeParse(env)
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`)
    throw invalid(problems.join('; '))
  }
  const value = parsed.data
  if (value.HARBORMASTER_OIDC_ISSUER === undefined) return undefined
  const issuer = new URL(value.HARBORMASTER_OIDC_ISSUER)
  if (value.HARBORMASTER_OIDC_CLIENT_ID === undefined) {
    throw invalid('HARBORMASTER_OIDC_CLIENT_ID is required with HARBORMASTER_OIDC_ISSUER')
  }
  const scopes = new Set(value.HARBORMASTER_OIDC_SCOPES.split(/[\s,]+/).filter(Boolean))
  scopes.add('openid')
  return {
    issuer,
    clientId: value.HARBORMASTER_OIDC_CLIENT_ID,
    clientSecret: readSecret(
      value.HARBORMASTER_OIDC_CLIENT_SECRET,
      value.HARBORMASTER_OIDC_CLIENT_SECRET_FILE,
    ),
    scopes: [...scopes].join(' '),
    name: value.HARBORMASTER_OIDC_NAME ?? issuer.hostname,
    groupsClaim: value.HARBORMASTER_OIDC_GROUPS_CLAIM,
    usernameClaim: value.HARBORMASTER_OIDC_USERNAME_CLAIM,
    roleMap: parseRoleMap(value.HARBORMASTER_OIDC_ROLE_MAP),
    hostRoleMap: parseHostRoleMap(value.HARBORMASTER_OIDC_HOST_ROLE_MAP),
    createUsers: value.HARBORMASTER_OIDC_CREATE_USERS,
    redirectUri: `${publicOrigin}/api/auth/oidc/callback`,
    postLogoutRedirectUri: `${publicOrigin}/`,
  }
}

/** The secret itself, or a file holding it (Docker and Kubernetes secrets), not both. */
function readSecret(secret: string | undefined, file: string | undefined): string | undefined {
  if (secret !== undefined && file !== undefined) {
    throw invalid('set HARBORMASTER_OIDC_CLIENT_SECRET or HARBORMASTER_OIDC_CLIENT_SECRET_FILE')
  }
  if (file === undefined) return secret
  let text: string
  try {
    text = readFileSync(file, 'utf8')
  } catch (error) {
    // The message names the path and the system's reason; the file's content never appears.
    throw invalid(`HARBORMASTER_OIDC_CLIENT_SECRET_FILE: ${(error as Error).message}`)
  }
  // Files written by editors and `echo` end with a newline that is no part of the secret.
  const trimmed = text.trim()
  if (trimmed === '') throw invalid('HARBORMASTER_OIDC_CLIENT_SECRET_FILE is empty')
  return trimmed
}
