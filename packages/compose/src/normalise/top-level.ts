import type {
  ComposeFileObject,
  ComposeNetwork,
  ComposeVolume,
  IpamConfig,
} from '../model/project.ts'
import type { Cursor } from './cursor.ts'
import { keyValues } from './service-parts.ts'

/**
 * An `external` object carries nothing but its name; anything else would be silently ignored by
 * the engine, so compose (for volumes) and Harbormaster (for networks too) refuse it.
 */
function external(resource: Cursor, key: string, projectName: string) {
  const field = resource.get('external')
  const legacyName = field?.node.kind === 'map' ? field.get('name')?.text() : undefined
  const isExternal = field?.node.kind === 'map' ? true : (field?.boolean() ?? false)
  if (legacyName !== undefined)
    field?.warn('external.name is deprecated: set "name" and "external: true"')
  const explicit = resource.get('name')?.text()
  if (explicit !== undefined && legacyName !== undefined && explicit !== legacyName) {
    field?.error('"name" and "external.name" conflict: use "name" only')
  }
  if (isExternal && resource.node.kind === 'map') {
    for (const [other] of resource.entries()) {
      if (other === 'name' || other === 'external' || other.startsWith('x-')) continue
      resource.get(other)?.error(`conflicting parameters "external" and "${other}" specified`)
    }
  }
  const name = explicit ?? legacyName ?? (isExternal ? key : `${projectName}_${key}`)
  return { external: isExternal, name }
}

export function normaliseNetwork(
  key: string,
  network: Cursor,
  projectName: string,
): ComposeNetwork {
  network.record()
  const result: ComposeNetwork = {
    ...external(network, key, projectName),
    driverOpts: keyValues(network.get('driver_opts')),
    labels: keyValues(network.get('labels')),
    internal: network.get('internal')?.boolean() ?? false,
    attachable: network.get('attachable')?.boolean() ?? false,
  }
  const driver = network.get('driver')?.text()
  if (driver !== undefined) result.driver = driver
  const ipam = network.get('ipam')
  if (ipam) {
    ipam.record()
    const config = (ipam.get('config')?.items() ?? []).map((block): IpamConfig => {
      block.record()
      const entry: IpamConfig = { auxAddresses: keyValues(block.get('aux_addresses')) }
      for (const [from, to] of [
        ['subnet', 'subnet'],
        ['ip_range', 'ipRange'],
        ['gateway', 'gateway'],
      ] as const) {
        const value = block.get(from)?.text()
        if (value !== undefined) entry[to] = value
      }
      return entry
    })
    const ipamDriver = ipam.get('driver')?.text()
    result.ipam = {
      config,
      options: keyValues(ipam.get('options')),
      ...(ipamDriver === undefined ? {} : { driver: ipamDriver }),
    }
  }
  return result
}

export function normaliseVolume(key: string, volume: Cursor, projectName: string): ComposeVolume {
  volume.record()
  const result: ComposeVolume = {
    ...external(volume, key, projectName),
    driverOpts: keyValues(volume.get('driver_opts')),
    labels: keyValues(volume.get('labels')),
  }
  const driver = volume.get('driver')?.text()
  if (driver !== undefined) result.driver = driver
  return result
}

/** A secret or config: only the `file` kind, a file of the stack mounted read-only. */
export function normaliseFileObject(
  key: string,
  object: Cursor,
  projectName: string,
): ComposeFileObject | undefined {
  object.record()
  const file = object.get('file')?.text()
  if (file === undefined) {
    object.error(`"${key}" needs a "file": secrets and configs of a stack are files of the stack`)
    return undefined
  }
  return { name: `${projectName}_${key}`, file }
}
