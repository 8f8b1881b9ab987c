import {
  containerCreateSchema,
  type ContainerCreateInput,
  quoteShellWord,
  splitCommandLine,
} from '@harbormaster/contract'

export interface PortRow {
  hostPort: string
  containerPort: string
  protocol: 'tcp' | 'udp' | 'sctp'
}

export interface MountRow {
  type: 'volume' | 'bind'
  source: string
  target: string
  readOnly: boolean
}

/** The create form as the user types it (strings), turned into the contract's input below. */
export interface CreateForm {
  image: string
  name: string
  cmd: string
  entrypoint: string
  env: string
  ports: PortRow[]
  mounts: MountRow[]
  restart: 'no' | 'always' | 'unless-stopped' | 'on-failure'
  memory: string
  cpus: string
  network: string
  labels: string
  tty: boolean
  privileged: boolean
}

export const emptyForm: CreateForm = {
  image: '',
  name: '',
  cmd: '',
  entrypoint: '',
  env: '',
  ports: [],
  mounts: [],
  restart: 'no',
  memory: '',
  cpus: '',
  network: '',
  labels: '',
  tty: false,
  privileged: false,
}

const MEMORY_UNITS: Record<string, number> = {
  '': 1,
  b: 1,
  k: 1024,
  m: 1024 ** 2,
  g: 1024 ** 3,
  t: 1024 ** 4,
}

/** `docker run --memory` syntax: a number with an optional b, k, m or g (1024-based). */
export function parseMemory(text: string): number | undefined {
  const m = /^(\d+(?:\.\d+)?)\s*([bkmgt]?)b?$/i.exec(text.trim())
  if (!m) return undefined
  const factor = MEMORY_UNITS[(m[2] ?? '').toLowerCase()] ?? 1
  return Math.round(Number(m[1]) * factor)
}

/** `KEY=value` lines (blank lines and `#` comments skipped). */
export function parseLines(text: string): string[] {
  return text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))
}

export type FormErrors = Partial<Record<string, string>>

/** A command typed as a shell line; undefined when empty or when a quote is left open. */
function commandField(text: string, field: string, errors: FormErrors): string[] | undefined {
  if (text.trim() === '') return undefined
  const words = splitCommandLine(text)
  if (!words) errors[field] = 'a quote is not closed'
  return words
}

/** The form as the contract's input, or the problems found, keyed by field. */
export function toCreateInput(form: CreateForm): {
  input?: ContainerCreateInput | undefined
  errors: FormErrors
} {
  const errors: FormErrors = {}
  const input: ContainerCreateInput = { image: form.image.trim() }
  if (form.name.trim() !== '') input.name = form.name.trim()
  const cmd = commandField(form.cmd, 'cmd', errors)
  if (cmd) input.cmd = cmd
  const entrypoint = commandField(form.entrypoint, 'entrypoint', errors)
  if (entrypoint) input.entrypoint = entrypoint
  const env = parseLines(form.env)
  if (env.length > 0) input.env = env
  const labels = parseLines(form.labels)
  if (labels.length > 0) {
    input.labels = {}
    for (const line of labels) {
      const eq = line.indexOf('=')
      if (eq <= 0) errors.labels = `expected key=value: ${line}`
      else input.labels[line.slice(0, eq)] = line.slice(eq + 1)
    }
  }
  if (form.ports.length > 0) {
    input.ports = form.ports.map((p) => ({
      containerPort: Number(p.containerPort),
      protocol: p.protocol,
      ...(p.hostPort.trim() === '' ? {} : { hostPort: Number(p.hostPort) }),
    }))
  }
  const binds = form.mounts.filter((m) => m.type === 'bind' || m.source.trim() !== '')
  const anonymous = form.mounts.filter((m) => m.type === 'volume' && m.source.trim() === '')
  if (binds.length > 0) {
    input.binds = binds.map(
      (m) => `${m.source.trim()}:${m.target.trim()}${m.readOnly ? ':ro' : ''}`,
    )
  }
  if (anonymous.length > 0) input.volumes = anonymous.map((m) => m.target.trim())
  if (form.restart !== 'no') input.restartPolicy = { name: form.restart }
  if (form.memory.trim() !== '') {
    const bytes = parseMemory(form.memory)
    if (bytes === undefined) errors.memoryBytes = 'expected a size like 512m or 2g'
    else input.memoryBytes = bytes
  }
  if (form.cpus.trim() !== '') {
    const cpus = Number(form.cpus)
    if (!Number.isFinite(cpus) || cpus <= 0)
      errors.nanoCpus = 'expected a number of CPUs like 0.5 or 2'
    else input.nanoCpus = Math.round(cpus * 1e9)
  }
  if (form.network !== '') input.networkMode = form.network
  if (form.tty) {
    input.tty = true
    input.openStdin = true
  }
  if (form.privileged) input.privileged = true

  const parsed = containerCreateSchema.safeParse(input)
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const key = String(issue.path[0] ?? 'form')
      errors[key] ??= `${issue.path.join('.')}: ${issue.message}`
    }
  }
  if (Object.keys(errors).length > 0) return { errors }
  return { input: parsed.data, errors }
}

/** What `docker run` would be typed to create the same container. */
export function toDockerRun(input: ContainerCreateInput, start: boolean): string {
  const args: string[] = [start ? 'docker run -d' : 'docker create']
  const add = (...words: string[]) => args.push(words.map(quoteShellWord).join(' '))
  if (input.name) add('--name', input.name)
  if (input.tty) add('-it')
  if (input.privileged) add('--privileged')
  if (input.restartPolicy) add('--restart', input.restartPolicy.name)
  if (input.memoryBytes !== undefined) add('--memory', `${input.memoryBytes}b`)
  if (input.nanoCpus !== undefined) add('--cpus', String(input.nanoCpus / 1e9))
  if (input.networkMode) add('--network', input.networkMode)
  for (const e of input.env ?? []) add('-e', e)
  for (const p of input.ports ?? []) {
    const host = p.hostPort === undefined ? '' : `${p.hostPort}:`
    add('-p', `${host}${p.containerPort}${p.protocol === 'tcp' ? '' : `/${p.protocol}`}`)
  }
  for (const b of input.binds ?? []) add('-v', b)
  for (const v of input.volumes ?? []) add('-v', v)
  for (const [k, v] of Object.entries(input.labels ?? {})) add('--label', `${k}=${v}`)
  // --entrypoint takes one executable: the entrypoint's other words go first after the image,
  // where docker appends them to the executable before the command's own arguments.
  const [executable, ...entrypointArgs] = input.entrypoint ?? []
  if (executable !== undefined) add('--entrypoint', executable)
  add(input.image)
  const trailing = [...entrypointArgs, ...(input.cmd ?? [])]
  if (trailing.length > 0) add(...trailing)
  return args.join(' \\\n  ')
}

/** Settings that hand the container control of the host (shown to admins as a warning). */
export function hostControlWarnings(input: ContainerCreateInput): string[] {
  const warnings: string[] = []
  if (input.privileged)
    warnings.push('Privileged: the container has every capability and every device of the host.')
  for (const bind of input.binds ?? []) {
    const source = bind.split(':')[0] ?? ''
    if (!source.startsWith('/')) continue
    if (/docker\.sock|podman\.sock/.test(source))
      warnings.push(
        `${source}: the engine's socket gives the container control of the engine, and so of the host.`,
      )
    else if (
      source === '/' ||
      /^\/(etc|root|boot|proc|sys|dev|var\/lib\/docker)(\/|$)/.test(source)
    )
      warnings.push(`${source}: a bind mount of a system path of the host.`)
    else
      warnings.push(
        `${source}: a bind mount of a host path; the container can change what is there.`,
      )
  }
  if (input.networkMode === 'host')
    warnings.push('Host network: the container shares the host’s network stack.')
  return warnings
}
