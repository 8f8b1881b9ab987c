import {
  type ServiceCreateInput,
  serviceCreateSchema,
  splitCommandLine,
} from '@harbormaster/contract'
import type { FileRow, RolloutForm, ServiceForm } from './form-state.ts'
import { parseBytes, parseCpus, parseGoDuration, parseWhole } from './form-units.ts'

/** Problems by form field (the keys of `ServiceForm`). */
export type FormErrors = Partial<Record<keyof ServiceForm | 'form', string>>

/** Settings the form does not show: an edited service keeps them as they are. */
const UNSHOWN = [
  'hostname',
  'user',
  'workdir',
  'endpointMode',
  'healthcheck',
  'init',
  'readOnly',
  'stopGracePeriodNs',
  'capAdd',
  'capDrop',
  'sysctls',
  'logDriver',
] as const satisfies readonly (keyof ServiceCreateInput)[]

/** Where the contract's complaint about a setting is shown in the form. */
const FIELD_OF: Partial<Record<keyof ServiceCreateInput, keyof ServiceForm>> = {
  mode: 'replicas',
  placement: 'constraints',
  resources: 'limitMemory',
  restartPolicy: 'restart',
  updateConfig: 'update',
  rollbackConfig: 'rollback',
}

const lines = (text: string) =>
  text
    .split('\n')
    .map((l) => l.trim())
    .filter((l) => l !== '' && !l.startsWith('#'))

const defined = <T extends object>(object: T): T | undefined =>
  Object.values(object).some((v) => v !== undefined) ? object : undefined

/**
 * The form as the contract's settings, or the problems found, keyed by field. `base` is the
 * service being edited: the settings the form does not show are kept from it.
 */
export function toServiceSettings(
  form: ServiceForm,
  base?: ServiceCreateInput,
): { settings?: ServiceCreateInput | undefined; errors: FormErrors } {
  const errors: FormErrors = {}
  const read = new Reader(errors)
  const kept = Object.fromEntries(UNSHOWN.map((k) => [k, base?.[k]]))
  const settings: ServiceCreateInput = {
    ...kept,
    name: form.name.trim(),
    image: form.image.trim(),
    command: read.words(form.command, 'command'),
    args: read.words(form.args, 'args'),
    env: nonEmpty(lines(form.env)),
    labels: read.pairs(form.labels, 'labels'),
    containerLabels: read.pairs(form.containerLabels, 'containerLabels'),
    ports: nonEmpty(
      form.ports.map((p) => ({
        targetPort: read.whole(p.target, 'ports') ?? 0,
        publishedPort: read.whole(p.published, 'ports'),
        protocol: p.protocol,
        mode: p.mode,
      })),
    ),
    mounts: nonEmpty(
      form.mounts.map((m) => ({
        // Options the form does not show, kept only while the mount stays of their type.
        ...(m.type === 'volume' ? { noCopy: m.kept?.noCopy } : {}),
        ...(m.type === 'tmpfs'
          ? { tmpfsSizeBytes: m.kept?.tmpfsSizeBytes, tmpfsMode: m.kept?.tmpfsMode }
          : {}),
        type: m.type,
        source: m.type === 'tmpfs' || m.source.trim() === '' ? undefined : m.source.trim(),
        target: m.target.trim(),
        readOnly: m.readOnly ? true : undefined,
      })),
    ),
    networks: nonEmpty(
      lines(form.networks).map((name) => {
        const aliases = base?.networks?.find((n) => n.name === name)?.aliases
        return aliases === undefined ? { name } : { name, aliases }
      }),
    ),
    mode:
      form.mode === 'global'
        ? { global: true }
        : { replicated: read.whole(form.replicas, 'replicas') ?? 1 },
    placement: defined({
      constraints: nonEmpty(lines(form.constraints)),
      spread: nonEmpty(lines(form.spread)),
      maxReplicas: read.whole(form.maxReplicasPerNode, 'maxReplicasPerNode'),
    }),
    resources: resources(form, base, read),
    restartPolicy: defined({
      condition: form.restart.condition === '' ? undefined : form.restart.condition,
      delayNs: read.duration(form.restart.delay, 'restart'),
      maxAttempts: read.whole(form.restart.maxAttempts, 'restart'),
      windowNs: read.duration(form.restart.window, 'restart'),
    }),
    updateConfig: rollout(form.update, 'update', read),
    rollbackConfig: rollout(form.rollback, 'rollback', read),
    secrets: nonEmpty(form.secrets.map((f) => fileRef(f, 'secrets', read))),
    configs: nonEmpty(form.configs.map((f) => fileRef(f, 'configs', read))),
  }
  const parsed = serviceCreateSchema.safeParse(withoutUndefined(settings))
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      const setting = String(issue.path[0] ?? 'form') as keyof ServiceCreateInput
      const key = FIELD_OF[setting] ?? (setting as keyof ServiceForm)
      errors[key] ??= `${issue.path.join('.')}: ${issue.message}`
    }
  }
  if (Object.keys(errors).length > 0) return { errors }
  return { settings: parsed.data, errors }
}

function resources(form: ServiceForm, base: ServiceCreateInput | undefined, read: Reader) {
  return defined({
    limits: defined({
      nanoCpus: read.cpus(form.limitCpus, 'limitCpus'),
      memoryBytes: read.bytes(form.limitMemory, 'limitMemory'),
      pids: base?.resources?.limits?.pids,
    }),
    reservations: defined({
      nanoCpus: read.cpus(form.reserveCpus, 'reserveCpus'),
      memoryBytes: read.bytes(form.reserveMemory, 'reserveMemory'),
    }),
  })
}

function rollout(r: RolloutForm, key: 'update' | 'rollback', read: Reader) {
  const ratio = r.maxFailureRatio.trim()
  const maxFailureRatio = ratio === '' ? undefined : Number(ratio)
  if (maxFailureRatio !== undefined && !(maxFailureRatio >= 0 && maxFailureRatio <= 1))
    read.fail(key, 'max failure ratio: expected a fraction from 0 to 1')
  return defined({
    parallelism: read.whole(r.parallelism, key),
    delayNs: read.duration(r.delay, key),
    failureAction: r.failureAction === '' ? undefined : r.failureAction,
    monitorNs: read.duration(r.monitor, key),
    maxFailureRatio,
    order: r.order === '' ? undefined : r.order,
  })
}

function fileRef(f: FileRow, key: 'secrets' | 'configs', read: Reader) {
  const mode = f.mode.trim()
  if (mode !== '' && !/^0?[0-7]{1,3}$/.test(mode))
    read.fail(key, `mode "${mode}": expected octal like 0400`)
  const optional = (text: string) => (text.trim() === '' ? undefined : text.trim())
  return {
    name: f.name.trim(),
    target: optional(f.target),
    uid: optional(f.uid),
    gid: optional(f.gid),
    mode: mode === '' ? undefined : parseInt(mode, 8),
  }
}

const nonEmpty = <T>(items: T[]): T[] | undefined => (items.length > 0 ? items : undefined)

/** The settings without undefined entries, at any depth (what JSON would send). */
function withoutUndefined(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(withoutUndefined)
  if (value === null || typeof value !== 'object') return value
  return Object.fromEntries(
    Object.entries(value)
      .filter(([, v]) => v !== undefined)
      .map(([k, v]) => [k, withoutUndefined(v)]),
  )
}

/** Reads typed text into values, noting each field's first problem. */
class Reader {
  private readonly errors: FormErrors

  constructor(errors: FormErrors) {
    this.errors = errors
  }

  fail(key: keyof ServiceForm, message: string): void {
    this.errors[key] ??= message
  }

  private parse<T>(
    text: string,
    key: keyof ServiceForm,
    parse: (t: string) => T | undefined,
    expected: string,
  ): T | undefined {
    if (text.trim() === '') return undefined
    const value = parse(text)
    if (value === undefined) this.fail(key, `"${text.trim()}": expected ${expected}`)
    return value
  }

  whole = (text: string, key: keyof ServiceForm) =>
    this.parse(text, key, parseWhole, 'a whole number')
  duration = (text: string, key: keyof ServiceForm) =>
    this.parse(text, key, parseGoDuration, 'a duration like 10s or 1m30s')
  bytes = (text: string, key: keyof ServiceForm) =>
    this.parse(text, key, parseBytes, 'a size like 512m or 2g')
  cpus = (text: string, key: keyof ServiceForm) =>
    this.parse(text, key, parseCpus, 'a number of CPUs like 0.5 or 2')

  words(text: string, key: keyof ServiceForm): string[] | undefined {
    if (text.trim() === '') return undefined
    const words = splitCommandLine(text)
    if (words === undefined) this.fail(key, 'a quote is not closed')
    return words
  }

  pairs(text: string, key: keyof ServiceForm): Record<string, string> | undefined {
    const entries = lines(text).map((line) => {
      const eq = line.indexOf('=')
      if (eq <= 0) this.fail(key, `expected key=value: ${line}`)
      return [line.slice(0, eq), line.slice(eq + 1)] as const
    })
    return entries.length > 0 ? Object.fromEntries(entries) : undefined
  }
}
