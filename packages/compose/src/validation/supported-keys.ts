import type { Issues } from '../issues.ts'
import type { YamlNode } from '../yaml/tree.ts'

/**
 * THE list of what a Harbormaster stack supports. A key the Compose Specification allows but that
 * is not here is an error naming the key and its line: a stack never half-applies a file.
 *
 * `VALUE` marks a key read as a whole (a scalar, a list of scalars or a key/value mapping);
 * a nested object lists the keys allowed inside (for a list, inside each mapping item), and `'*'`
 * stands for names the user chooses (services, networks, dependencies, ulimits).
 * `x-` extension keys are allowed wherever the specification allows them, and ignored.
 */
const VALUE = 'value'
type KeySpec = typeof VALUE | { readonly [key: string]: KeySpec }

const FILE_MOUNT = { source: VALUE, target: VALUE, uid: VALUE, gid: VALUE, mode: VALUE } as const

const ROLLOUT = {
  parallelism: VALUE,
  delay: VALUE,
  failure_action: VALUE,
  monitor: VALUE,
  max_failure_ratio: VALUE,
  order: VALUE,
} as const

export const SUPPORTED_SERVICE_KEYS = {
  image: VALUE,
  build: { context: VALUE, dockerfile: VALUE, args: VALUE, target: VALUE },
  pull_policy: VALUE,
  command: VALUE,
  entrypoint: VALUE,
  environment: VALUE,
  env_file: { path: VALUE, required: VALUE },
  ports: {
    target: VALUE,
    published: VALUE,
    host_ip: VALUE,
    protocol: VALUE,
    mode: VALUE,
    name: VALUE,
    app_protocol: VALUE,
  },
  expose: VALUE,
  volumes: {
    type: VALUE,
    source: VALUE,
    target: VALUE,
    read_only: VALUE,
    bind: { propagation: VALUE, create_host_path: VALUE, selinux: VALUE },
    volume: { nocopy: VALUE, subpath: VALUE },
    tmpfs: { size: VALUE, mode: VALUE },
  },
  networks: { '*': { aliases: VALUE, ipv4_address: VALUE } },
  network_mode: VALUE,
  depends_on: { '*': { condition: VALUE, restart: VALUE, required: VALUE } },
  healthcheck: {
    test: VALUE,
    interval: VALUE,
    timeout: VALUE,
    retries: VALUE,
    start_period: VALUE,
    start_interval: VALUE,
    disable: VALUE,
  },
  restart: VALUE,
  labels: VALUE,
  user: VALUE,
  working_dir: VALUE,
  hostname: VALUE,
  init: VALUE,
  tty: VALUE,
  stdin_open: VALUE,
  stop_signal: VALUE,
  stop_grace_period: VALUE,
  ulimits: { '*': { soft: VALUE, hard: VALUE } },
  logging: { driver: VALUE, options: VALUE },
  deploy: {
    replicas: VALUE,
    // Read for swarm stacks only; a compose stack refuses them at their line (the server).
    mode: VALUE,
    labels: VALUE,
    endpoint_mode: VALUE,
    placement: {
      constraints: VALUE,
      preferences: { spread: VALUE },
      max_replicas_per_node: VALUE,
    },
    update_config: ROLLOUT,
    rollback_config: ROLLOUT,
    restart_policy: { condition: VALUE, delay: VALUE, max_attempts: VALUE, window: VALUE },
    resources: {
      limits: { cpus: VALUE, memory: VALUE, pids: VALUE },
      reservations: { cpus: VALUE, memory: VALUE },
    },
  },
  scale: VALUE,
  // The older spellings of deploy.resources: the same engine settings, checked against them.
  cpus: VALUE,
  mem_limit: VALUE,
  mem_reservation: VALUE,
  pids_limit: VALUE,
  cap_add: VALUE,
  cap_drop: VALUE,
  privileged: VALUE,
  devices: { source: VALUE, target: VALUE, permissions: VALUE },
  security_opt: VALUE,
  sysctls: VALUE,
  secrets: FILE_MOUNT,
  configs: FILE_MOUNT,
  profiles: VALUE,
  // `extends` is applied (within the file) before this check runs.
} as const satisfies KeySpec

export const SUPPORTED_KEYS = {
  version: VALUE,
  name: VALUE,
  services: { '*': SUPPORTED_SERVICE_KEYS },
  networks: {
    '*': {
      name: VALUE,
      driver: VALUE,
      driver_opts: VALUE,
      ipam: {
        driver: VALUE,
        config: { subnet: VALUE, ip_range: VALUE, gateway: VALUE, aux_addresses: VALUE },
        options: VALUE,
      },
      external: { name: VALUE },
      labels: VALUE,
      internal: VALUE,
      attachable: VALUE,
    },
  },
  volumes: {
    '*': {
      name: VALUE,
      driver: VALUE,
      driver_opts: VALUE,
      external: { name: VALUE },
      labels: VALUE,
    },
  },
  // Secrets and configs are files of the stack, bind-mounted read-only.
  secrets: { '*': { file: VALUE } },
  configs: { '*': { file: VALUE } },
} as const satisfies KeySpec

/**
 * Reports every key of the file that is not in `SUPPORTED_KEYS`. `alreadyReported` holds the
 * paths (JSON) of keys the schema refused as unknown, which are not reported again.
 */
export function checkSupportedKeys(
  root: YamlNode,
  issues: Issues,
  alreadyReported: ReadonlySet<string>,
): void {
  const walk = (node: YamlNode, spec: KeySpec, path: (string | number)[]) => {
    if (spec === VALUE) return
    if (node.kind === 'seq') {
      node.items.forEach((item, i) => {
        walk(item, spec, [...path, i])
      })
    }
    if (node.kind !== 'map') return
    // Where the user names things (services, networks...), `x-` is just the start of a name.
    const named = spec['*'] !== undefined
    for (const entry of node.entries) {
      if (!named && entry.key.startsWith('x-')) continue
      const keyPath = [...path, entry.key]
      const child = spec[entry.key] ?? spec['*']
      if (child !== undefined) walk(entry.value, child, keyPath)
      else if (!alreadyReported.has(JSON.stringify(keyPath))) {
        issues.error('not supported by Harbormaster stacks', entry.keyPos, keyPath)
      }
    }
  }
  walk(root, SUPPORTED_KEYS, [])
}
