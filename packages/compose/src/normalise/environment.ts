import { parseDotenv } from '../dotenv/parse-dotenv.ts'
import type { Lookup } from '../interpolation/template.ts'
import type { EnvFile } from '../model/service.ts'
import { dict } from '../dict.ts'
import type { Cursor } from './cursor.ts'

export interface EnvironmentSources {
  /** The project's variables (`.env` under the given environment). */
  project: Lookup
  readFile: (relativePath: string) => string | undefined
}

/**
 * A service's environment, as compose builds it: `environment` (list or map; `KEY` without a
 * value takes the project's variable, or stays unset), then the `env_file`s in order (later files
 * win; their values are interpolated from the project's variables, then the service's), and
 * `environment` over them all, unset keys included. Unset keys are left out.
 */
export function resolveEnvironment(service: Cursor, from: EnvironmentSources) {
  const own = ownEnvironment(service.get('environment'), from.project)
  const envFiles = normaliseEnvFiles(service.get('env_file', 'envFiles'))
  const vars = new Map<string, string>()
  for (const [key, value] of own) if (value !== undefined) vars.set(key, value)
  const ownValue: Lookup = (name) => own.get(name)
  envFiles.forEach(({ path, required }, index) => {
    const entry = service.get('env_file', 'envFiles')
    const at = entry?.node.kind === 'seq' ? entry.items()[index] : entry
    const text = readSafely(from.readFile, path)
    if (text instanceof Error) {
      at?.error(`env file ${path} could not be read: ${text.message}`)
      return
    }
    if (text === undefined) {
      if (required) at?.error(`env file ${path} not found in the stack`)
      return
    }
    const result = parseDotenv(text, {
      lookup: (name) => from.project(name) ?? ownValue(name),
      vars,
    })
    if (!result.ok) {
      const { issues } = service.ctx
      issues.error(result.message, { line: result.line, column: 1 }, at?.path ?? service.path, path)
      return
    }
    for (const [key, line] of result.lines) {
      if (own.has(key)) continue
      service.ctx.sources.record([...service.model, 'environment', key], { line, column: 1 }, path)
    }
  })
  const environment = dict<string>()
  for (const [key, value] of vars) if (!own.has(key)) environment[key] = value
  for (const [key, value] of own) if (value !== undefined) environment[key] = value
  return { environment, envFiles }
}

/** `environment` as a map; `undefined` for a key without a value that the project lacks too. */
function ownEnvironment(
  field: Cursor | undefined,
  project: Lookup,
): Map<string, string | undefined> {
  const own = new Map<string, string | undefined>()
  if (!field) return own
  field.record()
  const set = (key: string, value: string | undefined, at: Cursor) => {
    at.as([...field.model, key]).record()
    const resolved = value ?? project(key)
    if (resolved === undefined)
      at.warn(`${key} has no value here nor in the stack's variables: it is left unset`)
    own.set(key, resolved)
  }
  if (field.node.kind === 'seq') {
    for (const item of field.items()) {
      const text = item.text() ?? ''
      const [key = '', ...rest] = text.split('=')
      if (key === '') item.error('an environment entry needs a variable name before "="')
      else if (/\s$/.test(key))
        item.error(`environment variable "${key}" is declared with a trailing space`)
      else set(key, rest.length === 0 ? undefined : rest.join('='), item)
    }
  } else {
    for (const [key, value] of field.entries())
      set(key, value.isNull ? undefined : value.text(), value)
  }
  return own
}

function normaliseEnvFiles(field: Cursor | undefined): EnvFile[] {
  if (!field) return []
  field.record()
  const items = field.node.kind === 'seq' ? field.items() : [field]
  return items.flatMap((item) => {
    if (item.node.kind === 'map') {
      const path = item.get('path')?.text()
      const required = item.get('required')?.boolean() ?? true
      return path === undefined ? [] : [{ path, required }]
    }
    const path = item.text()
    return path === undefined ? [] : [{ path, required: true }]
  })
}

/** The caller's reader may throw (permissions, I/O): that is a problem of this entry, not a crash. */
function readSafely(
  readFile: EnvironmentSources['readFile'],
  path: string,
): string | undefined | Error {
  try {
    return readFile(path)
  } catch (error) {
    return error instanceof Error ? error : new Error(String(error))
  }
}
