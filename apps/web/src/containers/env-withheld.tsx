import { type Host, MASKED_ENV_VALUE } from '@harbormaster/contract'
import { texts } from '../ui/index.ts'

/** One `KEY=value` entry as shown; `withheld` when the server sent the mask, not the value. */
export interface EnvEntry {
  key: string
  /** Undefined for a name the engine keeps without `=`. */
  value: string | undefined
  withheld: boolean
}

export function envEntries(env: readonly string[], maskedEnv: readonly string[]): EnvEntry[] {
  const masked = new Set(maskedEnv)
  return env.map((entry) => {
    const eq = entry.indexOf('=')
    if (eq < 0) return { key: entry, value: undefined, withheld: false }
    const key = entry.slice(0, eq)
    return { key, value: entry.slice(eq + 1), withheld: masked.has(key) }
  })
}

/** Whether a "reveal" would show anything: some value reached the browser at all. */
export function hasRevealable(entries: readonly EnvEntry[]): boolean {
  return entries.some((e) => e.value !== undefined && !e.withheld)
}

/**
 * Says that the server withheld values (they are not in the page, so nothing here can reveal
 * them) and why, in the words of the caller's role on the host.
 */
export function WithheldNote({
  role,
  entries,
}: {
  role: Host['role'] | undefined
  entries: readonly EnvEntry[]
}) {
  const count = entries.filter((e) => e.withheld).length
  if (count === 0) return null
  return (
    <p className={texts.muted} role="note">
      {withheldText(role, count)}
    </p>
  )
}

function withheldText(role: Host['role'] | undefined, count: number): string {
  const values = count === 1 ? '1 value' : `${String(count)} values`
  if (role === 'viewer')
    return `The server withholds environment values from viewers (${MASKED_ENV_VALUE}): names only. An operator or admin can read them.`
  if (role === 'operator')
    return `The server withholds ${values} (${MASKED_ENV_VALUE}) whose name matches this host’s secret patterns; only an admin can read them.`
  return `The server withholds ${values} (${MASKED_ENV_VALUE}) from your role on this host.`
}
