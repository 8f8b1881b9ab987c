import type { ContainerSnapshot } from './project-snapshot.ts'
import type { ProjectObjects } from './project-objects.ts'
import type { ServicePart } from './service-process.ts'
import { literal, literals } from './compose-values.ts'

/** Network modes that are not a network of the project. */
const MODES = new Set(['host', 'none', 'bridge'])

export interface NetworkContext {
  service: string
  objects: ProjectObjects
  /** The service of a container of the project, by id, for `network_mode: service:<name>`. */
  serviceOfContainer: (id: string) => string | undefined
}

/**
 * `network_mode` for the host's, none, the default bridge or another container's namespace;
 * otherwise the networks by their key in the file, with the aliases the user gave (those
 * compose and the engine add by themselves, the service name, the container's name and short
 * id, left out) and a static address. A service only on the project's `default` network, with
 * nothing set there, says nothing: that is what compose does without a `networks` key.
 */
export function networkKeys(container: ContainerSnapshot, context: NetworkContext): ServicePart {
  const { details } = container
  const mode = details.hostConfig.networkMode
  if (MODES.has(mode)) return { keys: { network_mode: mode }, notes: [] }
  // `docker run` without a network: the engine's `default` mode, on the default bridge.
  const names = Object.keys(details.networks)
  if (mode === 'default' && names.length === 1 && names[0] === 'bridge')
    return { keys: { network_mode: 'bridge' }, notes: [] }
  if (mode.startsWith('container:')) return containerMode(mode.slice('container:'.length), context)
  const automatic = new Set([context.service, details.name, details.id.slice(0, 12), details.id])
  const entries: [string, Record<string, unknown>][] = []
  for (const [name, endpoint] of Object.entries(details.networks)) {
    const aliases = endpoint.aliases.filter((alias) => !automatic.has(alias))
    const ipv4Address = container.settings.staticAddresses[name]?.ipv4Address
    entries.push([
      context.objects.networkKey(name),
      {
        ...(aliases.length > 0 ? { aliases: literals([...new Set(aliases)].sort()) } : {}),
        ...(ipv4Address === undefined ? {} : { ipv4_address: ipv4Address }),
      },
    ])
  }
  entries.sort(([a], [b]) => a.localeCompare(b))
  const notes = Object.entries(container.settings.staticAddresses)
    .filter(([, address]) => address.ipv6Address !== undefined)
    .map(([name]) => `its IPv6 address on ${name} is not kept`)
  const plain = entries.every(([, entry]) => Object.keys(entry).length === 0)
  if (plain && entries.length === 1 && entries[0]?.[0] === 'default') return { keys: {}, notes }
  if (entries.length === 0) return { keys: {}, notes }
  const networks = plain
    ? entries.map(([key]) => key)
    : Object.fromEntries(
        entries.map(([key, entry]) => [key, Object.keys(entry).length > 0 ? entry : null]),
      )
  return { keys: { networks }, notes }
}

function containerMode(target: string, context: NetworkContext): ServicePart {
  const service = context.serviceOfContainer(target)
  if (service !== undefined) return { keys: { network_mode: `service:${service}` }, notes: [] }
  return {
    keys: { network_mode: literal(`container:${target}`) },
    notes: [`it shares the network of container ${target}, outside the project`],
  }
}
