import type { Lookup } from '../interpolation/template.ts'
import type {
  Build,
  Device,
  FileGrant,
  Healthcheck,
  Logging,
  Nanoseconds,
  RestartPolicy,
  ServiceDependency,
  ServiceNetwork,
  Ulimit,
} from '../model/service.ts'
import { dict } from '../dict.ts'
import type { Cursor } from './cursor.ts'
import { splitShellWords } from './shell-words.ts'
import { parseDuration } from './units.ts'
import { parseMode } from './volumes.ts'

/** `command`/`entrypoint`: absent or null -> `undefined`; a string is split like a shell would. */
export function normaliseCommand(field: Cursor | undefined): string[] | undefined {
  if (!field || field.isNull) return undefined
  if (field.node.kind === 'seq') return field.strings()
  const words = splitShellWords(field.text() ?? '')
  if (words instanceof Error) {
    field.error(words.message)
    return undefined
  }
  return words
}

/** A list of `KEY=value` (a lone `KEY` is '') or a mapping (null is ''), as a record. */
export function keyValues(field: Cursor | undefined): Record<string, string> {
  const result = dict<string>()
  if (!field) return result
  field.record()
  if (field.node.kind === 'seq') {
    for (const item of field.items()) {
      const [key = '', ...rest] = (item.text() ?? '').split('=')
      item.as([...field.model, key]).record()
      result[key] = rest.join('=')
    }
    return result
  }
  for (const [key, value] of field.entries()) result[key] = value.text() ?? ''
  return result
}

export function durationOf(field: Cursor | undefined): Nanoseconds | undefined {
  const text = field?.text()
  if (field === undefined || text === undefined) return undefined
  const parsed = parseDuration(text)
  if (parsed instanceof Error) {
    field.error(parsed.message)
    return undefined
  }
  return parsed
}

const HEALTH_TEST_KINDS = ['CMD', 'CMD-SHELL', 'NONE']

export function normaliseHealthcheck(field: Cursor | undefined): Healthcheck | undefined {
  if (!field || field.isNull) return undefined
  field.record()
  const check: Healthcheck = { disable: field.get('disable')?.boolean() ?? false }
  const test = field.get('test')
  if (test?.node.kind === 'seq') {
    const words = test.strings()
    if (words.length > 0 && !HEALTH_TEST_KINDS.includes(words[0] ?? '')) {
      test.error('healthcheck.test must start with "CMD", "CMD-SHELL" or "NONE"')
    } else if (words.length > 0) check.test = words
  } else if (test && !test.isNull) check.test = ['CMD-SHELL', test.text() ?? '']
  if (check.test?.[0] === 'NONE') check.disable = true
  for (const [key, name] of [
    ['interval', 'interval'],
    ['timeout', 'timeout'],
    ['start_period', 'startPeriod'],
    ['start_interval', 'startInterval'],
  ] as const) {
    const value = durationOf(field.get(key))
    if (value !== undefined) check[name] = value
  }
  const retries = field.get('retries')?.integer()
  if (retries !== undefined) check.retries = retries
  return check
}

export function normaliseRestart(field: Cursor | undefined): RestartPolicy | undefined {
  const text = field?.text()
  if (!field || text === undefined) return undefined
  if (text === 'no' || text === 'always' || text === 'unless-stopped' || text === 'on-failure') {
    return { name: text }
  }
  const retries = /^on-failure:(\d+)$/.exec(text)?.[1]
  if (retries !== undefined) return { name: 'on-failure', maximumRetryCount: Number(retries) }
  field.error(`invalid restart policy "${text}" (no, always, on-failure[:N] or unless-stopped)`)
  return undefined
}

export function normaliseUlimits(field: Cursor | undefined): Record<string, Ulimit> {
  const limits = dict<Ulimit>()
  field?.record()
  for (const [name, value] of field?.entries() ?? []) {
    if (value.node.kind !== 'map') {
      const limit = value.integer()
      if (limit !== undefined) limits[name] = { soft: limit, hard: limit }
      continue
    }
    value.record()
    const soft = value.get('soft')?.integer()
    const hard = value.get('hard')?.integer()
    if (soft !== undefined && hard !== undefined) limits[name] = { soft, hard }
  }
  return limits
}

export function normaliseLogging(field: Cursor | undefined): Logging | undefined {
  if (!field || field.isNull) return undefined
  field.record()
  const logging: Logging = { options: keyValues(field.get('options')) }
  const driver = field.get('driver')?.text()
  if (driver !== undefined) logging.driver = driver
  return logging
}

/** `devices`: `/dev/x`, `/dev/x:/dev/y`, `/dev/x:/dev/y:rw`, or the long syntax. */
export function normaliseDevices(field: Cursor | undefined): Device[] {
  field?.record()
  return (field?.items() ?? []).flatMap((item): Device[] => {
    if (item.node.kind === 'map') {
      item.record()
      const source = item.get('source')?.text() ?? ''
      const target = item.get('target')?.text() ?? source
      return [{ source, target, permissions: item.get('permissions')?.text() ?? 'rwm' }]
    }
    const text = item.text() ?? ''
    const parts = text.split(':')
    if (parts.length > 3 || parts.some((part) => part === '')) {
      item.error(`confusing device mapping "${text}": use the long syntax`)
      return []
    }
    const [source = '', target = source, permissions = 'rwm'] = parts
    return [{ source, target, permissions }]
  })
}

/** `secrets`/`configs` of a service: a name, or `{source, target, uid, gid, mode}`. */
export function normaliseGrants(field: Cursor | undefined, defaultDir: string): FileGrant[] {
  field?.record()
  return (field?.items() ?? []).flatMap((item): FileGrant[] => {
    const inDir = (name: string) => (name.startsWith('/') ? name : `${defaultDir}/${name}`)
    if (item.node.kind !== 'map') {
      const source = item.text() ?? ''
      return [{ source, target: inDir(source) }]
    }
    item.record()
    const source = item.get('source')?.text()
    if (source === undefined) {
      item.error('a secret or config grant needs a "source"')
      return []
    }
    const grant: FileGrant = { source, target: inDir(item.get('target')?.text() ?? source) }
    const uid = item.get('uid')?.text()
    const gid = item.get('gid')?.text()
    const mode = item.get('mode')
    if (uid !== undefined) grant.uid = uid
    if (gid !== undefined) grant.gid = gid
    const parsedMode = mode ? parseMode(mode) : undefined
    if (parsedMode !== undefined) grant.mode = parsedMode
    return [grant]
  })
}

/** `build`: a context path, or `{context, dockerfile, args, target}`; args without a value are
 * taken from the project's variables or left out, as compose does. */
export function normaliseBuild(field: Cursor | undefined, project: Lookup): Build | undefined {
  if (!field || field.isNull) return undefined
  if (field.node.kind !== 'map')
    return { context: field.text() ?? '.', dockerfile: 'Dockerfile', args: dict() }
  field.record()
  const build: Build = {
    context: field.get('context')?.text() ?? '.',
    dockerfile: field.get('dockerfile')?.text() ?? 'Dockerfile',
    args: dict(),
  }
  const args = field.get('args')
  const entries: [string, string | undefined, Cursor][] =
    args?.node.kind === 'seq'
      ? args.items().map((item) => {
          const [key = '', ...rest] = (item.text() ?? '').split('=')
          return [key, rest.length === 0 ? undefined : rest.join('='), item]
        })
      : (args?.entries() ?? []).map(([key, value]) => [
          key,
          value.isNull ? undefined : value.text(),
          value,
        ])
  for (const [key, value, at] of entries) {
    const resolved = value ?? project(key)
    if (resolved === undefined) continue
    at.as([...(args?.model ?? []), key]).record()
    build.args[key] = resolved
  }
  const target = field.get('target')?.text()
  if (target !== undefined) build.target = target
  return build
}

/** `networks` of a service: a list of names or a mapping to null or `{aliases, ipv4_address}`. */
export function normaliseServiceNetworks(field: Cursor): Record<string, ServiceNetwork> {
  const networks = dict<ServiceNetwork>()
  field.record()
  const named: [string, Cursor][] =
    field.node.kind === 'seq'
      ? field.items().map((item) => [item.text() ?? '', item])
      : field.entries()
  for (const [name, value] of named) {
    const at = value.as([...field.model, name])
    at.record()
    const network: ServiceNetwork = { aliases: at.get('aliases')?.strings() ?? [] }
    const address = at.get('ipv4_address')?.text()
    if (address !== undefined) network.ipv4Address = address
    networks[name] = network
  }
  return networks
}

/** `depends_on`: a list of names (started, required) or the long syntax. */
export function normaliseDependsOn(field: Cursor | undefined): Record<string, ServiceDependency> {
  const dependencies = dict<ServiceDependency>()
  if (!field) return dependencies
  field.record()
  if (field.node.kind === 'seq') {
    for (const item of field.items()) {
      const name = item.text() ?? ''
      item.as([...field.model, name]).record()
      dependencies[name] = { condition: 'service_started', restart: false, required: true }
    }
    return dependencies
  }
  for (const [name, value] of field.entries()) {
    value.record()
    const condition = value.get('condition')?.text() ?? 'service_started'
    dependencies[name] = {
      condition: condition as ServiceDependency['condition'],
      restart: value.get('restart')?.boolean() ?? false,
      required: value.get('required')?.boolean() ?? true,
    }
  }
  return dependencies
}
