import type {
  ComposeMount,
  ComposePath,
  ComposeProject,
  ComposeService,
  RolloutConfig,
} from '@harbormaster/compose'
import type {
  NetworkCreateSpec,
  ServiceMountSettings,
  ServicePortSettings,
  ServiceRolloutSettings,
  ServiceSettings,
} from '@harbormaster/engine'

/** The label `docker stack deploy` puts on every object of a stack: the stack's name. */
export const STACK_NAMESPACE = 'com.docker.stack.namespace'
/** The image as the file names it, on the service: a redeploy keeps a pinned digest of it. */
export const STACK_IMAGE = 'com.docker.stack.image'

export interface SwarmServicePlan {
  /** The compose key (`web`); the service is `<stack>_web`. */
  key: string
  settings: ServiceSettings
}

export interface SwarmFilePlan {
  key: string
  name: string
  /** The file in the stack's folder that holds the value. */
  file: string
  labels: Record<string, string>
}

/** What a compose project becomes on a swarm (docs/engine.md#stacks-on-a-swarm). */
export interface SwarmStackPlan {
  services: SwarmServicePlan[]
  /** The overlay networks the services use, to create when missing. */
  networks: NetworkCreateSpec[]
  /** External networks the services use: they must exist, swarm-scoped. */
  externalNetworks: string[]
  secrets: SwarmFilePlan[]
  configs: SwarmFilePlan[]
  /** Keys a swarm ignores, as the CLI's "Ignoring unsupported options: …". */
  ignored: string[]
  /** Keys of the file a swarm service cannot carry here: errors at their line. */
  problems: { path: ComposePath; message: string }[]
}

/** Service keys `docker stack deploy` does not apply (its UnsupportedProperties and more). */
const IGNORED: readonly [string, (s: ComposeService) => boolean][] = [
  ['build', (s) => s.build !== undefined],
  ['devices', (s) => s.devices.length > 0],
  ['network_mode', (s) => s.networkMode !== undefined],
  ['privileged', (s) => s.privileged],
  ['security_opt', (s) => s.securityOpt.length > 0],
  ['depends_on', (s) => Object.keys(s.dependsOn).length > 0],
  ['expose', (s) => s.expose.length > 0],
  ['pull_policy', (s) => s.pullPolicy !== undefined],
]

/**
 * Turns a compose project into what `docker stack deploy` makes of it: services
 * `<stack>_<key>`, networks `<stack>_<key>` (overlay unless the file names a driver), secrets and
 * configs `<stack>_<key>`, every object labelled with `com.docker.stack.namespace`, plus `extra`
 * labels (the stack's scope). Pure: the deploy reads files and talks to the engine.
 */
export function toSwarmStack(
  project: ComposeProject,
  extra: Readonly<Record<string, string>>,
): SwarmStackPlan {
  const ns = project.name
  const stackLabels = { ...extra, [STACK_NAMESPACE]: ns }
  const problems: SwarmStackPlan['problems'] = []
  const ignored = new Set<string>()
  const usedNetworks = new Set<string>()
  const services = Object.values(project.services).map((service) => {
    for (const [key, used] of IGNORED) if (used(service)) ignored.add(key)
    for (const key of Object.keys(service.networks)) usedNetworks.add(key)
    if (Object.keys(service.networks).length === 0 && service.networkMode === undefined)
      usedNetworks.add('default')
    return { key: service.name, settings: toSettings(project, service, stackLabels, problems) }
  })
  const networks: NetworkCreateSpec[] = []
  const externalNetworks: string[] = []
  for (const key of [...usedNetworks].sort()) {
    const network = project.networks[key]
    const name = network?.name ?? `${ns}_${key}`
    if (network?.external) {
      externalNetworks.push(name)
      continue
    }
    const subnet = network?.ipam?.config[0]
    networks.push(
      prune({
        name,
        driver: network?.driver ?? 'overlay',
        labels: { ...network?.labels, ...stackLabels },
        options:
          network && Object.keys(network.driverOpts).length > 0 ? network.driverOpts : undefined,
        internal: network?.internal === true ? true : undefined,
        attachable: network?.attachable === true ? true : undefined,
        ipam:
          subnet?.subnet === undefined
            ? undefined
            : prune({ subnet: subnet.subnet, ipRange: subnet.ipRange, gateway: subnet.gateway }),
      }),
    )
  }
  const files = (objects: ComposeProject['secrets']) =>
    Object.entries(objects)
      .map(([key, object]) => ({ key, name: object.name, file: object.file, labels: stackLabels }))
      .sort((a, b) => a.name.localeCompare(b.name))
  return {
    services,
    networks,
    externalNetworks,
    secrets: files(project.secrets),
    configs: files(project.configs),
    ignored: [...ignored].sort(),
    problems,
  }
}

function toSettings(
  project: ComposeProject,
  s: ComposeService,
  stackLabels: Record<string, string>,
  problems: SwarmStackPlan['problems'],
): ServiceSettings {
  const at = (...path: (string | number)[]): ComposePath => ['services', s.name, ...path]
  const cannot = (path: ComposePath, what: string) =>
    problems.push({ path, message: `${what}: not supported on a swarm stack here` })
  cannotCarry(s, at, problems)
  const swarm = s.swarm ?? {}
  const image = s.image ?? ''
  const networks = Object.entries(s.networks)
    .map(([key, network]) => {
      if (network.ipv4Address !== undefined) cannot(at('networks', key), 'ipv4_address')
      const name = project.networks[key]?.name ?? `${project.name}_${key}`
      // As the CLI: the service's key is an alias on every network a user made.
      const aliases = userDefined(name) ? [...network.aliases, s.name] : network.aliases
      return prune({ name, aliases: aliases.length > 0 ? aliases : undefined })
    })
    .sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0))
  const limits = s.resources.limits
  const reservations = s.resources.reservations
  const placement = swarm.placement
  return prune({
    name: `${project.name}_${s.name}`,
    image,
    labels: { ...swarm.labels, ...stackLabels, [STACK_IMAGE]: image },
    containerLabels: { ...s.labels, ...stackLabels },
    command: s.entrypoint,
    args: s.command,
    hostname: s.hostname,
    env: envList(s.environment),
    workdir: s.workingDir,
    user: s.user,
    mounts: nonEmpty(s.volumes.map((m, i) => toMount(project, m, at('volumes', i), cannot))),
    healthcheck: s.healthcheck && healthcheck(s.healthcheck),
    secrets: nonEmpty(
      s.secrets
        .map((grant) => fileRef(project.secrets[grant.source]?.name, grant, '/run/secrets/'))
        .sort(byName),
    ),
    configs: nonEmpty(
      s.configs
        .map((grant) => fileRef(project.configs[grant.source]?.name, grant, '/'))
        .sort(byName),
    ),
    capAdd: nonEmpty(capabilities(s.capAdd)),
    capDrop: nonEmpty(capabilities(s.capDrop)),
    sysctls: Object.keys(s.sysctls).length > 0 ? s.sysctls : undefined,
    init: s.init,
    stopGracePeriodNs: s.stopGracePeriod,
    logDriver: s.logging && {
      name: s.logging.driver ?? '',
      options: Object.keys(s.logging.options).length > 0 ? s.logging.options : undefined,
    },
    networks: nonEmpty(networks),
    ports: nonEmpty(ports(s, at, cannot)),
    // The CLI always sends an endpoint spec; its empty mode is the engine's `vip`.
    endpointMode: swarm.endpointMode === 'dnsrr' ? 'dnsrr' : 'vip',
    mode: swarm.mode === 'global' ? { global: true as const } : { replicated: s.replicas },
    placement:
      placement &&
      prune({
        constraints: nonEmpty(placement.constraints),
        spread: nonEmpty(placement.preferences),
        maxReplicas: placement.maxReplicasPerNode,
      }),
    resources: prune({
      limits: resources(limits.cpus, limits.memory, limits.pids),
      reservations: resources(reservations.cpus, reservations.memory, undefined),
    }),
    restartPolicy: restartPolicy(s),
    updateConfig: swarm.updateConfig && rollout(swarm.updateConfig),
    rollbackConfig: swarm.rollbackConfig && rollout(swarm.rollbackConfig),
  })
}

/** The file's settings a service spec here has no field for: errors rather than dropped. */
function cannotCarry(
  s: ComposeService,
  at: (...path: (string | number)[]) => ComposePath,
  problems: SwarmStackPlan['problems'],
): void {
  const cannot = (path: ComposePath, what: string) =>
    problems.push({ path, message: `${what}: not supported on a swarm stack here` })
  if (s.image === undefined)
    problems.push({ path: at(), message: 'a swarm service needs an image (build is ignored)' })
  if (s.tty) cannot(at('tty'), 'tty')
  if (s.stdinOpen) cannot(at('stdinOpen'), 'stdin_open')
  if (s.stopSignal !== undefined) cannot(at('stopSignal'), 'stop_signal')
  if (Object.keys(s.ulimits).length > 0) cannot(at('ulimits'), 'ulimits')
  if (s.healthcheck?.startInterval !== undefined)
    cannot(at('healthcheck', 'startInterval'), 'healthcheck.start_interval')
  if (s.swarm?.mode === 'replicated-job' || s.swarm?.mode === 'global-job')
    cannot(at('deploy', 'mode'), `deploy.mode ${s.swarm?.mode}`)
}

/** The engine's own networks take no aliases (the CLI's `IsUserDefined`). */
function userDefined(name: string): boolean {
  return !['default', 'bridge', 'host', 'none'].includes(name) && !name.startsWith('container:')
}

function envList(environment: Record<string, string>): string[] | undefined {
  const list = Object.entries(environment).map(([key, value]) => `${key}=${value}`)
  return nonEmpty(list.sort())
}

function toMount(
  project: ComposeProject,
  m: ComposeMount,
  path: ComposePath,
  cannot: (path: ComposePath, what: string) => void,
): ServiceMountSettings {
  const base = { target: m.target, readOnly: m.readOnly ? true : undefined }
  if (m.type === 'tmpfs') {
    if (m.tmpfs.mode !== undefined) cannot(path, 'tmpfs.mode')
    return prune({ type: 'tmpfs', ...base, tmpfsSizeBytes: m.tmpfs.size })
  }
  if (m.type === 'bind') {
    if (m.bind.propagation !== undefined || m.bind.selinux !== undefined)
      cannot(path, 'bind.propagation and bind.selinux')
    return prune({ type: 'bind', source: m.source, ...base })
  }
  if (m.volume.subpath !== undefined) cannot(path, 'volume.subpath')
  const volume = m.source === undefined ? undefined : project.volumes[m.source]
  if (
    volume &&
    !volume.external &&
    (volume.driver !== undefined || Object.keys(volume.driverOpts).length > 0)
  )
    cannot(['volumes', m.source ?? ''], 'a volume driver or driver_opts')
  return prune({
    type: 'volume',
    source: volume?.name,
    ...base,
    noCopy: m.volume.nocopy ? true : undefined,
  })
}

function healthcheck(
  h: NonNullable<ComposeService['healthcheck']>,
): ServiceSettings['healthcheck'] {
  if (h.disable) return { test: ['NONE'] }
  return prune({
    test: h.test,
    intervalNs: h.interval,
    timeoutNs: h.timeout,
    startPeriodNs: h.startPeriod,
    retries: h.retries,
  })
}

/** A grant's file: the CLI names it relative (`/run/secrets/<target>`, configs at `/<target>`). */
function fileRef(name: string | undefined, grant: ComposeService['secrets'][number], root: string) {
  const target = grant.target.startsWith(root) ? grant.target.slice(root.length) : grant.target
  return prune({
    name: name ?? grant.source,
    target,
    uid: grant.uid,
    gid: grant.gid,
    mode: grant.mode,
  })
}

/** As the CLI's EffectiveCapAddCapDrop: upper case, `CAP_` prefixed (except ALL). */
function capabilities(list: readonly string[]): string[] {
  const named = list.map((cap) => {
    const upper = cap.toUpperCase()
    return upper === 'ALL' || upper.startsWith('CAP_') ? upper : `CAP_${upper}`
  })
  return [...new Set(named)]
}

function ports(
  s: ComposeService,
  at: (...path: (string | number)[]) => ComposePath,
  cannot: (path: ComposePath, what: string) => void,
): ServicePortSettings[] {
  const list = s.ports.map((p, i) => {
    if (p.published && p.published.start !== p.published.end)
      cannot(at('ports', i), 'a published range')
    return prune({
      targetPort: p.target,
      publishedPort: p.published?.start,
      protocol: p.protocol,
      mode: p.mode,
    })
  })
  // The CLI sends them sorted (PortConfig.Compare): by published port, then target, protocol.
  return list.sort(
    (a, b) =>
      (a.publishedPort ?? 0) - (b.publishedPort ?? 0) ||
      a.targetPort - b.targetPort ||
      a.protocol.localeCompare(b.protocol),
  )
}

function resources(cpus: number | undefined, memory: number | undefined, pids: number | undefined) {
  const set = prune({
    nanoCpus: cpus === undefined ? undefined : Math.round(cpus * 1e9),
    memoryBytes: memory,
    pids,
  })
  return Object.keys(set).length > 0 ? set : undefined
}

/** `deploy.restart_policy`, else `restart:` as the CLI converts it. */
function restartPolicy(s: ComposeService): ServiceSettings['restartPolicy'] {
  const policy = s.swarm?.restartPolicy
  if (policy) {
    const condition = policy.condition
    return prune({
      condition:
        condition === 'none' || condition === 'on-failure' || condition === 'any'
          ? condition
          : undefined,
      delayNs: policy.delay,
      maxAttempts: policy.maxAttempts,
      windowNs: policy.window,
    })
  }
  const restart = s.restart
  if (restart === undefined || restart.name === 'no') return undefined
  const retries = restart.maximumRetryCount
  const maxAttempts = retries !== undefined && retries > 0 ? retries : undefined
  return prune({
    condition: restart.name === 'on-failure' ? ('on-failure' as const) : ('any' as const),
    maxAttempts,
  })
}

/** The CLI's convertUpdateConfig: parallelism 1 unless the file says. */
function rollout(r: RolloutConfig): ServiceRolloutSettings {
  const failure = r.failureAction
  const order = r.order
  return prune({
    parallelism: r.parallelism ?? 1,
    delayNs: r.delay,
    failureAction:
      failure === 'pause' || failure === 'continue' || failure === 'rollback' ? failure : undefined,
    monitorNs: r.monitor,
    maxFailureRatio: r.maxFailureRatio,
    order: order === 'stop-first' || order === 'start-first' ? order : undefined,
  })
}

function byName(a: { name: string }, b: { name: string }): number {
  return a.name < b.name ? -1 : a.name > b.name ? 1 : 0
}

function nonEmpty<T>(list: T[]): T[] | undefined {
  return list.length > 0 ? list : undefined
}

type Pruned<T> = { [K in keyof T]: Exclude<T[K], undefined> }

function prune<T extends object>(object: T): Pruned<T> {
  return Object.fromEntries(Object.entries(object).filter(([, v]) => v !== undefined)) as Pruned<T>
}
