/** A `WWW-Authenticate` challenge from a registry's 401: `Bearer realm="…",service="…",scope="…"`. */
export interface AuthChallenge {
  scheme: 'bearer' | 'basic'
  realm?: string
  service?: string
  scope?: string
}

const PARAMETER = /([a-zA-Z_]+)\s*=\s*(?:"((?:[^"\\]|\\.)*)"|([^,\s]*))/g

/** Reads the first Bearer or Basic challenge of the header, or undefined for another scheme. */
export function parseChallenge(header: string | null): AuthChallenge | undefined {
  if (header === null) return undefined
  const match = /^\s*(\w+)\s*(.*)$/s.exec(header)
  const scheme = match?.[1]?.toLowerCase()
  if (scheme !== 'bearer' && scheme !== 'basic') return undefined
  const challenge: AuthChallenge = { scheme }
  for (const [, name, quoted, bare] of (match?.[2] ?? '').matchAll(PARAMETER)) {
    const value = quoted === undefined ? (bare ?? '') : quoted.replace(/\\(.)/g, '$1')
    const key = name?.toLowerCase()
    if (key === 'realm' || key === 'service' || key === 'scope') challenge[key] = value
  }
  return challenge
}
