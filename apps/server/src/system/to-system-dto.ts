import type {
  DiskUsage as DiskUsageDto,
  EngineInfo as EngineInfoDto,
  EngineVersion as EngineVersionDto,
  SystemEvent,
} from '@harbormaster/contract'
import type { DiskUsage, EngineEvent, EngineInfo, EngineVersion } from '@harbormaster/engine'
import { toLiveEvent } from '../events/index.ts'

/** Engine domain → API DTO: the API changes only when we change it, not when the engine does. */
export function toEngineInfo(info: EngineInfo): EngineInfoDto {
  return {
    name: info.name,
    serverVersion: info.serverVersion,
    operatingSystem: info.operatingSystem,
    osType: info.osType,
    architecture: info.architecture,
    kernelVersion: info.kernelVersion,
    ncpu: info.ncpu,
    memTotal: info.memTotal,
    containers: info.containers,
    containersRunning: info.containersRunning,
    containersPaused: info.containersPaused,
    containersStopped: info.containersStopped,
    images: info.images,
    storageDriver: info.driver,
    cgroupVersion: info.cgroupVersion,
    cgroupDriver: info.cgroupDriver,
    dockerRootDir: info.dockerRootDir,
    swarm: { localNodeState: info.swarm.localNodeState, manager: info.swarm.controlAvailable },
    warnings: info.warnings,
  }
}

export function toEngineVersion(version: EngineVersion): EngineVersionDto {
  return {
    version: version.version,
    apiVersion: version.apiVersion,
    minApiVersion: version.minApiVersion,
    gitCommit: version.gitCommit,
    goVersion: version.goVersion,
    os: version.os,
    arch: version.arch,
    kernelVersion: version.kernelVersion,
    platformName: version.platformName,
    components: version.components,
  }
}

export function toDiskUsage(usage: DiskUsage, measuredAt: string): DiskUsageDto {
  return {
    layersSize: usage.layersSize,
    images: usage.images.map((image) => ({
      id: image.id,
      repoTags: image.repoTags,
      created: image.created,
      size: image.size,
      sharedSize: image.sharedSize,
      containers: image.containers,
    })),
    containers: usage.containers.map((container) => ({
      id: container.id,
      name: container.name,
      image: container.image,
      state: container.state,
      status: container.status,
      sizeRw: container.sizeRw,
      sizeRootFs: container.sizeRootFs,
    })),
    volumes: usage.volumes.map((volume) => ({
      name: volume.name,
      driver: volume.driver,
      ...(volume.usageData ?? {}),
    })),
    buildCache: usage.buildCache.map((entry) => ({
      id: entry.id,
      type: entry.type,
      description: entry.description,
      inUse: entry.inUse,
      shared: entry.shared,
      size: entry.size,
      lastUsedAt: entry.lastUsedAt,
    })),
    measuredAt,
  }
}

export function toSystemEvent(event: EngineEvent): SystemEvent {
  return { ...toLiveEvent(event), time: event.time }
}
