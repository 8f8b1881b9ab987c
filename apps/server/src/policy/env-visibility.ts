import { MASKED_ENV_VALUE } from '@harbormaster/contract'
import type { HostContext } from '../app-env.ts'
import { matchesKeyPattern } from './key-pattern.ts'
import { type Action, roleMay } from './policy.ts'
import { may } from './require-action.ts'
import type { HostRole } from './roles.ts'

/** Which environment values a caller may see on a host. */
export interface EnvVisibility {
  /** Whether the value of the variable named `key` is withheld from the caller. */
  hides(key: string): boolean
}

const SEES_ALL: EnvVisibility = { hides: () => false }
const SEES_NONE: EnvVisibility = { hides: () => true }

/**
 * Environment values are secrets more often than not (passwords, tokens, keys), and a viewer's
 * role is read-only observation: viewers see the names, never a value. Who sees what is in the
 * policy table: `env.values` (operators) sees the values except those whose key matches one of
 * the host's secret patterns, `env.secret-values` (admins) sees everything. A role without
 * `env.values` sees nothing, so a new role starts closed.
 */
export function envVisibility(role: HostRole, secretPatterns: readonly string[]): EnvVisibility {
  return visibility((action) => roleMay(role, action), secretPatterns)
}

/**
 * What a viewer sees of environment values: the visibility of what is kept for every role to
 * read later, whoever asks (crash capsules store their inspect masked this way).
 */
export function viewerEnvVisibility(): EnvVisibility {
  return envVisibility('viewer', [])
}

/** What the caller of a host route (behind `requireAction`) may see of environment values. */
export function callerEnvVisibility(c: HostContext): EnvVisibility {
  return visibility((action) => may(c, action), c.var.host.secretEnvPatterns)
}

function visibility(
  allows: (action: Action) => boolean,
  secretPatterns: readonly string[],
): EnvVisibility {
  if (allows('env.secret-values')) return SEES_ALL
  if (!allows('env.values')) return SEES_NONE
  const patterns = [...secretPatterns]
  return { hides: (key) => patterns.some((pattern) => matchesKeyPattern(pattern, key)) }
}

/**
 * `KEY=value` entries with each hidden value replaced by `MASKED_ENV_VALUE`; the names of those
 * masked are added to `masked`. An entry without `=` (a name the engine keeps as given) carries
 * no value and stays; an empty value is masked like any other, so it tells nothing either.
 */
export function maskEnv(
  env: readonly string[],
  visibility: EnvVisibility,
  masked: Set<string>,
): string[] {
  return env.map((entry) => maskEntry(entry, visibility, masked))
}

function maskEntry(entry: string, visibility: EnvVisibility, masked: Set<string>): string {
  const equals = entry.indexOf('=')
  if (equals === -1) return entry
  const key = entry.slice(0, equals)
  if (!visibility.hides(key)) return entry
  masked.add(key)
  return `${key}=${MASKED_ENV_VALUE}`
}

/**
 * A copy of an engine document (container or image inspect) with every environment list in it
 * masked: any array under a key spelled `env` in any case (`Config.Env`, an image's
 * `ContainerConfig.Env`, a service's `ContainerSpec.Env`), wherever it sits, so a field the
 * engine adds later is covered too; and the `-e`/`--env` values of Podman's `CreateCommand` (the
 * command line that made the container). Non-string entries of an env list are masked whole.
 */
export function maskEnvIn(
  document: unknown,
  visibility: EnvVisibility,
  masked: Set<string>,
): unknown {
  if (visibility === SEES_ALL) return document
  return maskValue(document, visibility, masked)
}

function maskValue(value: unknown, visibility: EnvVisibility, masked: Set<string>): unknown {
  if (Array.isArray(value)) return value.map((item: unknown) => maskValue(item, visibility, masked))
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value).map(([key, item]) => [key, maskField(key, item, visibility, masked)]),
  )
}

function maskField(key: string, item: unknown, visibility: EnvVisibility, masked: Set<string>) {
  if (!Array.isArray(item)) return maskValue(item, visibility, masked)
  const list: unknown[] = item
  if (/^env$/i.test(key))
    return list.map((entry) =>
      typeof entry === 'string' ? maskEntry(entry, visibility, masked) : MASKED_ENV_VALUE,
    )
  if (key === 'CreateCommand') return maskEnvFlags(list, visibility, masked)
  return maskValue(list, visibility, masked)
}

const ENV_FLAG = /^(-e|--env)$/
const ENV_FLAG_JOINED = /^(-e|--env=)(.+)$/

/** `podman run -e A=1 --env B=2 --env=C=3 -eD=4 …` with each value masked as in an env list. */
function maskEnvFlags(args: unknown[], visibility: EnvVisibility, masked: Set<string>) {
  return args.map((arg, i) => {
    if (typeof arg !== 'string') return arg
    const previous = args[i - 1]
    if (typeof previous === 'string' && ENV_FLAG.test(previous))
      return maskEntry(arg, visibility, masked)
    const joined = ENV_FLAG_JOINED.exec(arg)
    if (!joined) return arg
    return `${joined[1] ?? ''}${maskEntry(joined[2] ?? '', visibility, masked)}`
  })
}

/**
 * An environment list sent back by a caller who was shown it masked: each `KEY=[masked]` whose
 * value the caller may not see keeps the value the object has now, so a form or a script that
 * echoes what it was shown never overwrites a secret with the placeholder. A key the object does
 * not have keeps the placeholder as given (there is nothing to keep, and nothing is revealed).
 */
export function restoreWithheldEnv(
  sent: readonly string[],
  current: readonly string[],
  visibility: EnvVisibility,
): string[] {
  const currentByKey = new Map(
    current.flatMap((entry) => {
      const equals = entry.indexOf('=')
      return equals === -1 ? [] : [[entry.slice(0, equals), entry] as const]
    }),
  )
  return sent.map((entry) => {
    if (!entry.endsWith(`=${MASKED_ENV_VALUE}`)) return entry
    const key = entry.slice(0, -`=${MASKED_ENV_VALUE}`.length)
    const kept = currentByKey.get(key)
    return visibility.hides(key) && kept !== undefined ? kept : entry
  })
}
