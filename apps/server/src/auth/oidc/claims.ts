/**
 * A claim by name, or by a dotted path into nested claims (Keycloak's `realm_access.roles`). A
 * name that exists as such wins over a path: some providers put dots in claim names.
 */
function claimAt(claims: Record<string, unknown>, name: string): unknown {
  if (name in claims) return claims[name]
  let value: unknown = claims
  for (const part of name.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined
    value = (value as Record<string, unknown>)[part]
  }
  return value
}

/** A claim that is a non-empty string, else undefined. */
export function claimText(claims: Record<string, unknown>, name: string): string | undefined {
  const value = claimAt(claims, name)
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined
}

/**
 * The groups claim as a list of names: an array of strings, or one string (some providers send a
 * single group so). Undefined when the claim is absent, so userinfo may be asked.
 */
export function groupsOf(claims: Record<string, unknown>, name: string): string[] | undefined {
  const value = claimAt(claims, name)
  if (typeof value === 'string') return [value]
  if (!Array.isArray(value)) return undefined
  return value.filter((group): group is string => typeof group === 'string')
}
