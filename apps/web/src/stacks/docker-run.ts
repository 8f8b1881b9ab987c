import { splitCommandLine } from '@harbormaster/contract'
import { SHORT_FLAGS, VALUE_FLAGS } from './docker-run-flags.ts'

/** The compose keys a `docker run` converts to (list syntax, so values stay as written). */
export interface ComposeService {
  image: string
  command?: string[]
  entrypoint?: string[]
  environment?: string[]
  ports?: string[]
  expose?: string[]
  volumes?: string[]
  networks?: string[]
  network_mode?: string
  restart?: string
  labels?: string[]
  user?: string
  working_dir?: string
  hostname?: string
  init?: boolean
  tty?: boolean
  stdin_open?: boolean
  privileged?: boolean
  cap_add?: string[]
  cap_drop?: string[]
  devices?: string[]
  security_opt?: string[]
  sysctls?: string[]
  stop_signal?: string
}

type ListKey = {
  [K in keyof ComposeService]-?: ComposeService[K] extends string[] | undefined ? K : never
}[keyof ComposeService]
type TextKey = 'restart' | 'user' | 'working_dir' | 'hostname' | 'stop_signal'
type FlagKey = 'init' | 'tty' | 'stdin_open' | 'privileged'

export interface DockerRunConversion {
  serviceName: string
  service: ComposeService
  /** Named volumes the service mounts: kept under their own names (`docker run` made them so). */
  volumes: string[]
  /** Networks it joins: they exist already (`docker run` needs them), so external. */
  networks: string[]
  /** Every flag that was not converted, as written: nothing is dropped silently. */
  warnings: string[]
}

export type DockerRunResult =
  { ok: true; conversion: DockerRunConversion } | { ok: false; error: string }

const LISTS: Readonly<Record<string, ListKey>> = {
  publish: 'ports',
  env: 'environment',
  label: 'labels',
  expose: 'expose',
  'cap-add': 'cap_add',
  'cap-drop': 'cap_drop',
  device: 'devices',
  'security-opt': 'security_opt',
  sysctl: 'sysctls',
}
const TEXTS: Readonly<Record<string, TextKey>> = {
  restart: 'restart',
  user: 'user',
  workdir: 'working_dir',
  hostname: 'hostname',
  'stop-signal': 'stop_signal',
}
const FLAGS: Readonly<Record<string, FlagKey>> = {
  init: 'init',
  tty: 'tty',
  interactive: 'stdin_open',
  privileged: 'privileged',
}
const NETWORK_MODES = /^(bridge|host|none|default|container:.+|service:.+)$/

interface Flag {
  name: string
  /** As the user wrote it, for warnings. */
  written: string
  value?: string
}

/**
 * Converts a pasted `docker run` command into one compose service. Flags without a compose
 * equivalent here are listed in `warnings`, never dropped silently.
 */
export function convertDockerRun(text: string): DockerRunResult {
  const words = splitCommandLine(text.replace(/\\\r?\n/g, ' '))
  if (words === undefined) return { ok: false, error: 'A quote is left open' }
  const args = stripDockerRun(words)
  if (args === undefined) return { ok: false, error: 'Expected a command starting with docker run' }
  const parsed = readFlags(args)
  if ('error' in parsed) return { ok: false, error: parsed.error }
  const [image, ...command] = parsed.rest
  if (image === undefined) return { ok: false, error: 'The command names no image' }
  const conversion: DockerRunConversion = {
    serviceName: serviceNameOf(image),
    service: { image },
    volumes: [],
    networks: [],
    warnings: [],
  }
  for (const flag of parsed.flags) applyFlag(conversion, flag)
  if (command.length > 0) conversion.service.command = command
  return { ok: true, conversion }
}

function stripDockerRun(words: string[]): string[] | undefined {
  let i = 0
  if (words[i] === 'sudo') i++
  if (words[i] !== 'docker') return undefined
  i++
  if (words[i] === 'container') i++
  if (words[i] !== 'run') return undefined
  return words.slice(i + 1)
}

function readFlags(args: string[]): { flags: Flag[]; rest: string[] } | { error: string } {
  const flags: Flag[] = []
  let i = 0
  const next = (written: string): { error: string } | { value: string } => {
    const value = args[++i]
    return value === undefined ? { error: `${written} needs a value` } : { value }
  }
  for (; i < args.length; i++) {
    const word = args[i] ?? ''
    if (word === '--') return { flags, rest: args.slice(i + 1) }
    if (!word.startsWith('-') || word === '-') break
    if (word.startsWith('--')) {
      const eq = word.indexOf('=')
      const name = eq < 0 ? word.slice(2) : word.slice(2, eq)
      if (eq >= 0) flags.push({ name, written: `--${name}`, value: word.slice(eq + 1) })
      else if (!VALUE_FLAGS.has(name)) flags.push({ name, written: word })
      else {
        const taken = next(word)
        if ('error' in taken) return taken
        flags.push({ name, written: word, value: taken.value })
      }
      continue
    }
    // Short flags may be bundled (`-dit`); the first that takes a value ends the bundle.
    for (let j = 1; j < word.length; j++) {
      const letter = word[j] ?? ''
      const name = SHORT_FLAGS[letter] ?? letter
      if (!VALUE_FLAGS.has(name)) {
        flags.push({ name, written: `-${letter}` })
        continue
      }
      const attached = word.slice(j + 1).replace(/^=/, '')
      if (attached !== '') flags.push({ name, written: `-${letter}`, value: attached })
      else {
        const taken = next(`-${letter}`)
        if ('error' in taken) return taken
        flags.push({ name, written: `-${letter}`, value: taken.value })
      }
      break
    }
  }
  return { flags, rest: args.slice(i) }
}

function applyFlag(c: DockerRunConversion, flag: Flag): void {
  const { name, value } = flag
  const s = c.service
  if (value === undefined) {
    const key = FLAGS[name]
    if (key) s[key] = true
    // Compose always runs services detached.
    else if (name !== 'detach') c.warnings.push(`Not converted: ${flag.written}`)
    return
  }
  const list = LISTS[name]
  const textKey = TEXTS[name]
  if (list) (s[list] ??= []).push(value)
  else if (textKey) s[textKey] = value
  else if (name === 'name') c.serviceName = toServiceName(value)
  else if (name === 'entrypoint') s.entrypoint = [value]
  else if (name === 'volume') addVolume(c, value)
  else if (name === 'network' || name === 'net') addNetwork(c, value)
  else c.warnings.push(`Not converted: ${flag.written} ${value}`)
}

function addVolume(c: DockerRunConversion, spec: string): void {
  ;(c.service.volumes ??= []).push(spec)
  const colon = spec.indexOf(':')
  if (colon < 0) return
  const source = spec.slice(0, colon)
  if (/^[./~]/.test(source) || c.volumes.includes(source)) return
  c.volumes.push(source)
}

function addNetwork(c: DockerRunConversion, network: string): void {
  if (NETWORK_MODES.test(network)) {
    c.service.network_mode = network === 'default' ? 'bridge' : network
    return
  }
  ;(c.service.networks ??= []).push(network)
  if (!c.networks.includes(network)) c.networks.push(network)
}

/** The image's last path segment without tag or digest: `ghcr.io/org/app:1` → `app`. */
function serviceNameOf(image: string): string {
  const base = image.split('@')[0]?.split('/').pop()?.split(':')[0] ?? ''
  return toServiceName(base)
}

function toServiceName(text: string): string {
  const name = text
    .toLowerCase()
    .replace(/[^a-z0-9_.-]+/g, '-')
    .replace(/^[^a-z0-9]+/, '')
  return name === '' ? 'app' : name
}
