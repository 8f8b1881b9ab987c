import type {
  ComposeFileObject,
  ComposeNetwork,
  ComposeProject,
  ComposeVolume,
} from '../model/project.ts'
import { dict } from '../dict.ts'
import type { ComposeService } from '../model/service.ts'
import { type MapNode, valueOf, type YamlNode } from '../yaml/tree.ts'
import { Cursor, type NormaliseContext } from './cursor.ts'
import type { EnvironmentSources } from './environment.ts'
import { normaliseService } from './service.ts'
import { normaliseFileObject, normaliseNetwork, normaliseVolume } from './top-level.ts'

export type ProjectData = Omit<ComposeProject, 'sourceOf'>

export interface ProjectOptions {
  name: string
  profiles: readonly string[]
  env: EnvironmentSources
}

/**
 * The whole project in canonical form: services enabled by the active profiles (the others only
 * named), the implicit `default` network when a service uses it, and the engine names of
 * networks, volumes, secrets and configs.
 */
export function normaliseProject(
  root: MapNode,
  options: ProjectOptions,
  ctx: NormaliseContext,
): ProjectData {
  const top = new Cursor(ctx, root, [], [])
  const serviceEntries = top.get('services')?.entries() ?? []
  const enabled = serviceEntries.filter(([, node]) => isEnabled(node.node, options.profiles))
  const services = dict<ComposeService>()
  for (const [name, node] of enabled) {
    const service = normaliseService(name, node, options.env)
    if (service.networkMode === undefined && Object.keys(service.networks).length === 0) {
      service.networks.default = { aliases: [] }
    }
    services[name] = service
  }
  const networks = collect(top.get('networks'), (key, at) =>
    normaliseNetwork(key, at, options.name),
  )
  if (serviceEntries.some(([, node]) => usesDefaultNetwork(node.node)) && !networks.default) {
    networks.default = defaultNetwork(options.name)
  }
  return {
    name: options.name,
    services,
    disabledServices: serviceEntries.map(([name]) => name).filter((name) => !(name in services)),
    activeProfiles: [...options.profiles],
    networks,
    volumes: collect<ComposeVolume>(top.get('volumes'), (key, at) =>
      normaliseVolume(key, at, options.name),
    ),
    secrets: collect<ComposeFileObject>(top.get('secrets'), (key, at) =>
      normaliseFileObject(key, at, options.name),
    ),
    configs: collect<ComposeFileObject>(top.get('configs'), (key, at) =>
      normaliseFileObject(key, at, options.name),
    ),
  }
}

function collect<T>(field: Cursor | undefined, read: (key: string, at: Cursor) => T | undefined) {
  const result = dict<T>()
  for (const [key, at] of field?.entries() ?? []) {
    const value = read(key, at)
    if (value !== undefined) result[key] = value
  }
  return result
}

/** A service with no `profiles` always runs; one with profiles when one of them is active. */
export function isEnabled(service: YamlNode, active: readonly string[]): boolean {
  const profiles = valueOf(service, 'profiles')
  if (profiles?.kind !== 'seq' || profiles.items.length === 0) return true
  if (active.includes('*')) return true
  return profiles.items.some(
    (item) => item.kind === 'scalar' && active.includes(String(item.value)),
  )
}

/** Compose connects a service that names no network (and no network mode) to `default`. */
function usesDefaultNetwork(service: YamlNode): boolean {
  if (valueOf(service, 'network_mode') !== undefined) return false
  const networks = valueOf(service, 'networks')
  if (networks === undefined) return true
  if (networks.kind === 'seq') return networks.items.length === 0 || hasDefault(networks.items)
  if (networks.kind === 'map')
    return networks.entries.length === 0 || networks.entries.some((e) => e.key === 'default')
  return true
}

const hasDefault = (items: YamlNode[]) =>
  items.some((item) => item.kind === 'scalar' && item.value === 'default')

function defaultNetwork(projectName: string): ComposeNetwork {
  return {
    name: `${projectName}_default`,
    external: false,
    driverOpts: {},
    labels: {},
    internal: false,
    attachable: false,
  }
}
