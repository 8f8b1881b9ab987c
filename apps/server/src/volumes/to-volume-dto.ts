import type { VolumeDetails, VolumeSummary } from '@harbormaster/contract'
import type { Container, Volume } from '@harbormaster/engine'

export type VolumeUser = VolumeSummary['containers'][number]

/** Engine domain → API DTO: the API changes only when we change it, not when the engine does. */
export function toVolumeSummary(volume: Volume, users: readonly VolumeUser[]): VolumeSummary {
  return {
    name: volume.name,
    driver: volume.driver,
    scope: volume.scope,
    createdAt: volume.createdAt,
    labels: volume.labels,
    containers: [...users],
  }
}

export function toVolumeDetails(volume: Volume, users: readonly VolumeUser[]): VolumeDetails {
  return {
    ...toVolumeSummary(volume, users),
    mountpoint: volume.mountpoint,
    options: volume.options,
  }
}

/** Containers mounting each volume, by volume name, from the container list's mounts. */
export function usersByVolume(containers: readonly Container[]): Map<string, VolumeUser[]> {
  const users = new Map<string, VolumeUser[]>()
  for (const container of containers) {
    for (const mount of container.mounts) {
      if (mount.type !== 'volume' || !mount.name) continue
      const list = users.get(mount.name) ?? []
      list.push({
        id: container.id,
        name: container.name,
        destination: mount.destination,
        readWrite: mount.readWrite,
      })
      users.set(mount.name, list)
    }
  }
  return users
}
