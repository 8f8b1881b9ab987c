import {
  cpuCount,
  goDuration,
  quoteShellWord,
  ramBytes,
  type ServiceCreateInput,
} from '@harbormaster/contract'

/*
 * The service form as the user types it: strings where they type, rows where they add items.
 * `to-settings.ts` turns it into the contract's settings; `formFromSettings` fills it from a
 * service's current settings for editing.
 */

export interface PortRow {
  target: string
  published: string
  protocol: 'tcp' | 'udp' | 'sctp'
  mode: 'ingress' | 'host'
}

type Mount = NonNullable<ServiceCreateInput['mounts']>[number]

export interface MountRow {
  type: Mount['type']
  source: string
  target: string
  readOnly: boolean
  /** Options the form does not show (tmpfs size, no-copy), kept as the service has them. */
  kept?: Pick<Mount, 'noCopy' | 'tmpfsSizeBytes' | 'tmpfsMode'> | undefined
}

/** A secret or config attached as a file. */
export interface FileRow {
  name: string
  target: string
  uid: string
  gid: string
  /** Octal, as `chmod` takes it (`0400`). */
  mode: string
}

export interface RolloutForm {
  parallelism: string
  delay: string
  failureAction: '' | 'pause' | 'continue' | 'rollback'
  monitor: string
  maxFailureRatio: string
  order: '' | 'stop-first' | 'start-first'
}

export interface RestartForm {
  condition: '' | 'none' | 'on-failure' | 'any'
  delay: string
  maxAttempts: string
  window: string
}

export interface ServiceForm {
  name: string
  image: string
  /** The entrypoint override, as a shell line. */
  command: string
  /** Arguments after the image, as a shell line. */
  args: string
  /** `KEY=value` per line. */
  env: string
  labels: string
  containerLabels: string
  ports: PortRow[]
  mounts: MountRow[]
  /** One network name per line. */
  networks: string
  mode: 'replicated' | 'global'
  replicas: string
  constraints: string
  spread: string
  maxReplicasPerNode: string
  limitCpus: string
  limitMemory: string
  reserveCpus: string
  reserveMemory: string
  restart: RestartForm
  update: RolloutForm
  rollback: RolloutForm
  secrets: FileRow[]
  configs: FileRow[]
}

const emptyRollout: RolloutForm = {
  parallelism: '',
  delay: '',
  failureAction: '',
  monitor: '',
  maxFailureRatio: '',
  order: '',
}

export const emptyServiceForm: ServiceForm = {
  name: '',
  image: '',
  command: '',
  args: '',
  env: '',
  labels: '',
  containerLabels: '',
  ports: [],
  mounts: [],
  networks: '',
  mode: 'replicated',
  replicas: '1',
  constraints: '',
  spread: '',
  maxReplicasPerNode: '',
  limitCpus: '',
  limitMemory: '',
  reserveCpus: '',
  reserveMemory: '',
  restart: { condition: '', delay: '', maxAttempts: '', window: '' },
  update: emptyRollout,
  rollback: emptyRollout,
  secrets: [],
  configs: [],
}

export const emptyFileRow: FileRow = { name: '', target: '', uid: '', gid: '', mode: '' }

const text = (value: string | number | undefined) => (value === undefined ? '' : String(value))
const duration = (ns: number | undefined) => (ns === undefined ? '' : goDuration(ns))
const shellLine = (words: readonly string[] | undefined) =>
  (words ?? []).map(quoteShellWord).join(' ')
const lines = (items: readonly string[] | undefined) => (items ?? []).join('\n')
const pairs = (record: Record<string, string> | undefined) =>
  lines(Object.entries(record ?? {}).map(([k, v]) => `${k}=${v}`))

function rolloutForm(r: ServiceCreateInput['updateConfig']): RolloutForm {
  return {
    parallelism: text(r?.parallelism),
    delay: duration(r?.delayNs),
    failureAction: r?.failureAction ?? '',
    monitor: duration(r?.monitorNs),
    maxFailureRatio: text(r?.maxFailureRatio),
    order: r?.order ?? '',
  }
}

function fileRow(f: NonNullable<ServiceCreateInput['secrets']>[number]): FileRow {
  return {
    name: f.name,
    target: f.target ?? '',
    uid: f.uid ?? '',
    gid: f.gid ?? '',
    mode: f.mode === undefined ? '' : `0${f.mode.toString(8)}`,
  }
}

/** The form filled from a service's settings (for editing). */
export function formFromSettings(s: ServiceCreateInput): ServiceForm {
  const limits = s.resources?.limits
  const reservations = s.resources?.reservations
  return {
    name: s.name,
    image: s.image,
    command: shellLine(s.command),
    args: shellLine(s.args),
    env: lines(s.env),
    labels: pairs(s.labels),
    containerLabels: pairs(s.containerLabels),
    ports: (s.ports ?? []).map((p) => ({
      target: String(p.targetPort),
      published: text(p.publishedPort),
      protocol: p.protocol,
      mode: p.mode,
    })),
    mounts: (s.mounts ?? []).map(({ type, source, target, readOnly, ...kept }) => ({
      type,
      source: source ?? '',
      target,
      readOnly: readOnly === true,
      kept,
    })),
    networks: lines(s.networks?.map((n) => n.name)),
    mode: s.mode !== undefined && 'global' in s.mode ? 'global' : 'replicated',
    replicas: s.mode !== undefined && 'replicated' in s.mode ? String(s.mode.replicated) : '1',
    constraints: lines(s.placement?.constraints),
    spread: lines(s.placement?.spread),
    maxReplicasPerNode: text(s.placement?.maxReplicas),
    limitCpus: limits?.nanoCpus === undefined ? '' : cpuCount(limits.nanoCpus),
    limitMemory: limits?.memoryBytes === undefined ? '' : ramBytes(limits.memoryBytes),
    reserveCpus: reservations?.nanoCpus === undefined ? '' : cpuCount(reservations.nanoCpus),
    reserveMemory:
      reservations?.memoryBytes === undefined ? '' : ramBytes(reservations.memoryBytes),
    restart: {
      condition: s.restartPolicy?.condition ?? '',
      delay: duration(s.restartPolicy?.delayNs),
      maxAttempts: text(s.restartPolicy?.maxAttempts),
      window: duration(s.restartPolicy?.windowNs),
    },
    update: rolloutForm(s.updateConfig),
    rollback: rolloutForm(s.rollbackConfig),
    secrets: (s.secrets ?? []).map(fileRow),
    configs: (s.configs ?? []).map(fileRow),
  }
}
