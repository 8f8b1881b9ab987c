import type { GeneratedVariable } from './project-snapshot.ts'

const VARIABLE_NAME = /^[A-Za-z_][A-Za-z0-9_]*$/

/** The `.env` variables of the secret values, and how each service refers to them. */
export interface SecretVariables {
  list: GeneratedVariable[]
  /** The variable holding `key` of `service`, when that value went to the `.env`. */
  referenceOf: (service: string) => (key: string) => string | undefined
}

/**
 * One variable per secret value: named as the container's variable when every service that has
 * it has the same value (`DB_PASSWORD`), else prefixed with the service (`WEB_DB_PASSWORD`);
 * made a valid interpolation name, and unique.
 */
export function secretVariables(
  services: ReadonlyMap<string, { environment: Record<string, string> }>,
  isSecret: (key: string) => boolean,
): SecretVariables {
  const valuesOf = new Map<string, Set<string>>()
  for (const { environment } of services.values()) {
    for (const [key, value] of Object.entries(environment)) {
      if (isSecret(key)) valuesOf.set(key, (valuesOf.get(key) ?? new Set()).add(value))
    }
  }
  const used = new Set<string>()
  const shared = new Map<string, string>()
  const byService = new Map<string, Map<string, string>>()
  const list: GeneratedVariable[] = []
  for (const [service, { environment }] of services) {
    const names = new Map<string, string>()
    for (const [key, value] of Object.entries(environment).sort(([a], [b]) => a.localeCompare(b))) {
      if (!isSecret(key)) continue
      const once = valuesOf.get(key)?.size === 1
      const existing = once ? shared.get(key) : undefined
      if (existing !== undefined) {
        names.set(key, existing)
        continue
      }
      const name = uniqueName(once ? key : `${service.toUpperCase()}_${key}`, used)
      if (once) shared.set(key, name)
      names.set(key, name)
      list.push({ name, key, value })
    }
    byService.set(service, names)
  }
  return { list, referenceOf: (service) => (key) => byService.get(service)?.get(key) }
}

function uniqueName(wanted: string, used: Set<string>): string {
  let base = wanted.replace(/[^A-Za-z0-9_]/g, '_')
  if (!VARIABLE_NAME.test(base)) base = `_${base}`
  let name = base
  for (let n = 2; used.has(name); n++) name = `${base}_${n}`
  used.add(name)
  return name
}

/**
 * The `.env` text: each value single-quoted (compose's dotenv takes it literally) unless it
 * holds a quote, a backslash or a line break, then double-quoted with compose's escapes.
 */
export function envFileText(variables: readonly GeneratedVariable[]): string {
  return variables.map(({ name, value }) => `${name}=${quoteEnvValue(value)}\n`).join('')
}

export function quoteEnvValue(value: string): string {
  if (!/['\\\n\r]/.test(value)) return `'${value}'`
  const escaped = value
    .replaceAll('\\', '\\\\')
    .replaceAll('"', '\\"')
    .replaceAll('$', '\\$')
    .replaceAll('\n', '\\n')
    .replaceAll('\r', '\\r')
  return `"${escaped}"`
}
