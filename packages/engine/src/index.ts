/**
 * @harbormaster/engine: a typed Docker Engine API client (API 1.12–1.51, Docker and Podman).
 * Exports the domain model only; the engine's wire shapes stay inside this package.
 */
export { Engine, createEngine, type EngineOptions } from './engine.ts'
export type {
  CallOptions,
  ConnectOptions,
  EngineCallCounts,
  EngineClientOptions,
  EngineFlavour,
  EngineIdentity,
} from './engine-client.ts'
export {
  FEATURE_SINCE,
  engineCapabilities,
  featureOfPath,
  type EngineCapabilities,
  type EngineFeature,
} from './capabilities.ts'
export { SUPPORTED_API, apiAtLeast, chooseApiVersion, compareApiVersions } from './api-version.ts'
export {
  DEFAULT_DOCKER_HOST,
  endpointFromEnv,
  parseEndpoint,
  readCertDir,
  type EngineEndpoint,
  type EngineSsh,
  type EngineTls,
} from './endpoint.ts'
export * from './errors.ts'
export { eventsCoverNetworkChanges } from './podman/podman-shapes.ts'
export * from './ssh/ssh-errors.ts'
export { hostKeyFingerprint, isHostKeyFingerprint, normaliseFingerprint } from './ssh/host-key.ts'
export type { Filters } from './query.ts'

export * from './containers/types.ts'
export { recreateBody, type RecreateSource } from './containers/recreate-body.ts'
export {
  containerSettingsOf,
  imageHealthcheckOf,
  type ContainerSettings,
  type HealthcheckSettings,
  type MountSetting,
  type PortBindingSetting,
  type UlimitSetting,
} from './containers/container-settings.ts'
export type {
  ContainerCreateSpec,
  ContainerUpdateSpec,
  DeviceMapping,
  EndpointSpec,
  HealthcheckSpec,
  MountSpec,
  PublishedPort,
  UlimitSpec,
} from './containers/create-spec.ts'
export type {
  FilesystemChange,
  ListContainersOptions,
  ProcessList,
  PruneResult,
} from './containers/containers-api.ts'
export type { AttachOptions, LogOptions } from './containers/container-streams.ts'
export type { DirectoryEntry, PathKind, PathStat } from './containers/archive-api.ts'
export type { ExecCreateSpec, ExecDetails } from './exec/exec-api.ts'
export { cpuPercent, type CpuCounters, type StatsSample } from './stats/stats-sample.ts'
export {
  eventKey,
  nanoToSince,
  type EngineEvent,
  type EngineEventType,
} from './events/engine-event.ts'
export type { EventsOptions } from './events/events-api.ts'

export { StdioDemuxer, type StdioFrame } from './streams/stdio-demuxer.ts'
export { toFrames, type HijackedStream } from './streams/hijacked-stream.ts'
export type { ProgressEvent } from './streams/progress.ts'

export * from './images/types.ts'
export type {
  ImportOptions,
  ListImagesOptions,
  PullOptions,
  PushOptions,
} from './images/images-api.ts'
export type { RegistryAuth } from './images/registry-auth.ts'
export type { BuildOptions } from './images/build-options.ts'
export * from './networks/types.ts'
export type { ConnectNetworkOptions } from './networks/networks-api.ts'
export * from './volumes/types.ts'
export type { PruneVolumesOptions } from './volumes/volumes-api.ts'
export * from './system/types.ts'
export type { DiskUsageOptions, DiskUsageType } from './system/system-api.ts'
export * from './swarm/types.ts'
export * from './swarm/service-settings.ts'
export type { ServiceCreated, ServiceJudge, ServiceWriteOptions } from './swarm/services-api.ts'
export type { SwarmFileCreate } from './swarm/swarm-files-api.ts'
export { readServiceSpec } from './swarm/read-service-spec.ts'
export { toServiceSpecWire, unsupportedSettings } from './swarm/service-spec.ts'
export type { ListServicesOptions, ServiceLogOptions } from './swarm/swarm-api.ts'
export type { ClusterUpdateOptions } from './swarm/cluster-api.ts'
