import type { ImageDetails } from '../images/types.ts'
import {
  asArray,
  asBoolean,
  asNumber,
  asObject,
  asOptionalNumber,
  asString,
  asStringArray,
  asStringMap,
  type WireObject,
} from '../wire/wire-read.ts'
import { readPortMap } from './to-container.ts'
import type { ContainerDetails, PortMapping } from './types.ts'

/** A healthcheck as the engine keeps it: durations in nanoseconds, 0 for "the default". */
export interface HealthcheckSettings {
  /** `['CMD', ...]`, `['CMD-SHELL', command]`, `['NONE']` (disabled); `[]` inherits. */
  test: string[]
  interval: number
  timeout: number
  startPeriod: number
  startInterval: number
  retries: number
}

/** A port published as asked at create (`HostConfig.PortBindings`), not as bound. */
export interface PortBindingSetting {
  port: number
  protocol: PortMapping['type']
  /** Absent for every address. */
  hostIp?: string
  /** Absent when the engine picks the port. */
  hostPort?: number
}

/** A mount as asked at create through `HostConfig.Mounts` (the `--mount` syntax). */
export interface MountSetting {
  type: string
  source: string
  target: string
  readOnly: boolean
  noCopy: boolean
  subpath?: string
  propagation?: string
  tmpfsSize?: number
  tmpfsMode?: number
}

export interface UlimitSetting {
  name: string
  soft: number
  hard: number
}

/**
 * The settings of a container that `ContainerDetails` leaves out: what it takes to write a
 * compose file (or a `docker run`) that makes the same container again. Values are the
 * engine's, with its neutral value (0, `''`, `[]`) where it has none.
 */
export interface ContainerSettings {
  domainname: string
  macAddress: string
  /** Absent when neither the container nor its image has one. */
  healthcheck?: HealthcheckSettings
  /** Seconds; absent for the engine's default. */
  stopTimeout?: number
  portBindings: PortBindingSetting[]
  publishAllPorts: boolean
  /** `--tmpfs` mounts: target -> options (`size=64m,mode=1777`). */
  tmpfs: Record<string, string>
  mounts: MountSetting[]
  /** Bind propagation by mount target, as the engine applied it (`rprivate` by default). */
  propagation: Record<string, string>
  /** Absent: the daemon's default. */
  init?: boolean
  capDrop: string[]
  ulimits: UlimitSetting[]
  logConfig: { type: string; config: Record<string, string> }
  memoryReservation: number
  memorySwap: number
  /** Absent (or 0 / -1 from older engines) for no limit. */
  pidsLimit?: number
  cpuQuota: number
  cpuPeriod: number
  cpusetCpus: string
  cpusetMems: string
  shmSize: number
  oomKillDisable: boolean
  oomScoreAdj: number
  dns: string[]
  dnsSearch: string[]
  dnsOptions: string[]
  extraHosts: string[]
  groupAdd: string[]
  links: string[]
  /** Per network: the addresses asked for at create (`IPAMConfig`). */
  staticAddresses: Record<string, { ipv4Address?: string; ipv6Address?: string }>
}

/** Reads the settings `ContainerDetails` does not carry from its inspect document. */
export function containerSettingsOf(details: ContainerDetails): ContainerSettings {
  const doc = asObject(details.raw)
  const config = asObject(doc.Config)
  const host = asObject(doc.HostConfig)
  const healthcheck = toHealthcheck(config.Healthcheck)
  const stopTimeout = asOptionalNumber(config.StopTimeout)
  const init = host.Init
  const pidsLimit = asNumber(host.PidsLimit)
  return {
    domainname: asString(config.Domainname),
    macAddress: asString(config.MacAddress),
    ...(healthcheck ? { healthcheck } : {}),
    ...(stopTimeout === undefined ? {} : { stopTimeout }),
    portBindings: toPortBindings(host.PortBindings),
    publishAllPorts: asBoolean(host.PublishAllPorts),
    tmpfs: asStringMap(host.Tmpfs),
    mounts: asArray(host.Mounts).map(toMountSetting),
    propagation: toPropagation(doc.Mounts),
    ...(typeof init === 'boolean' ? { init } : {}),
    capDrop: asStringArray(host.CapDrop),
    ulimits: asArray(host.Ulimits).map(toUlimit),
    logConfig: {
      type: asString(asObject(host.LogConfig).Type),
      config: asStringMap(asObject(host.LogConfig).Config),
    },
    ...toLimits(host),
    ...(pidsLimit > 0 ? { pidsLimit } : {}),
    ...toNameResolution(host),
    staticAddresses: toStaticAddresses(asObject(asObject(doc.NetworkSettings).Networks)),
  }
}

/** The image's own healthcheck, in full (`ImageDetails` keeps only its test). */
export function imageHealthcheckOf(details: ImageDetails): HealthcheckSettings | undefined {
  return toHealthcheck(asObject(asObject(details.raw).Config).Healthcheck)
}

function toHealthcheck(wire: unknown): HealthcheckSettings | undefined {
  if (wire === null || typeof wire !== 'object') return undefined
  const check = asObject(wire)
  return {
    test: asStringArray(check.Test),
    interval: asNumber(check.Interval),
    timeout: asNumber(check.Timeout),
    startPeriod: asNumber(check.StartPeriod),
    startInterval: asNumber(check.StartInterval),
    retries: asNumber(check.Retries),
  }
}

/** A binding with no host port lets the engine pick one. */
function toPortBindings(wire: unknown): PortBindingSetting[] {
  return readPortMap(wire).flatMap(({ port, protocol, bindings }) =>
    bindings.map(({ hostIp, hostPort }) => ({
      port,
      protocol,
      ...(hostIp === '' ? {} : { hostIp }),
      ...(hostPort > 0 ? { hostPort } : {}),
    })),
  )
}

function toMountSetting(wire: unknown): MountSetting {
  const mount = asObject(wire)
  const volume = asObject(mount.VolumeOptions)
  const bind = asObject(mount.BindOptions)
  const tmpfs = asObject(mount.TmpfsOptions)
  const subpath = asString(volume.Subpath)
  const propagation = asString(bind.Propagation)
  const tmpfsSize = asNumber(tmpfs.SizeBytes)
  const tmpfsMode = asNumber(tmpfs.Mode)
  return {
    type: asString(mount.Type),
    source: asString(mount.Source),
    target: asString(mount.Target),
    readOnly: asBoolean(mount.ReadOnly),
    noCopy: asBoolean(volume.NoCopy),
    ...(subpath === '' ? {} : { subpath }),
    ...(propagation === '' ? {} : { propagation }),
    ...(tmpfsSize > 0 ? { tmpfsSize } : {}),
    ...(tmpfsMode > 0 ? { tmpfsMode } : {}),
  }
}

function toPropagation(wire: unknown): Record<string, string> {
  const propagation: Record<string, string> = {}
  for (const mount of asArray(wire).map(asObject)) {
    const value = asString(mount.Propagation)
    if (value !== '') propagation[asString(mount.Destination)] = value
  }
  return propagation
}

function toUlimit(wire: unknown): UlimitSetting {
  const limit = asObject(wire)
  return { name: asString(limit.Name), soft: asNumber(limit.Soft), hard: asNumber(limit.Hard) }
}

function toLimits(host: WireObject) {
  return {
    memoryReservation: asNumber(host.MemoryReservation),
    memorySwap: asNumber(host.MemorySwap),
    cpuQuota: asNumber(host.CpuQuota),
    cpuPeriod: asNumber(host.CpuPeriod),
    cpusetCpus: asString(host.CpusetCpus),
    cpusetMems: asString(host.CpusetMems),
    shmSize: asNumber(host.ShmSize),
    oomKillDisable: asBoolean(host.OomKillDisable),
    oomScoreAdj: asNumber(host.OomScoreAdj),
  }
}

function toNameResolution(host: WireObject) {
  return {
    dns: asStringArray(host.Dns),
    dnsSearch: asStringArray(host.DnsSearch),
    dnsOptions: asStringArray(host.DnsOptions),
    extraHosts: asStringArray(host.ExtraHosts),
    groupAdd: asStringArray(host.GroupAdd),
    links: asStringArray(host.Links),
  }
}

function toStaticAddresses(networks: WireObject): ContainerSettings['staticAddresses'] {
  const addresses: ContainerSettings['staticAddresses'] = {}
  for (const [name, endpoint] of Object.entries(networks)) {
    const ipam = asObject(asObject(endpoint).IPAMConfig)
    const ipv4Address = asString(ipam.IPv4Address)
    const ipv6Address = asString(ipam.IPv6Address)
    if (ipv4Address === '' && ipv6Address === '') continue
    addresses[name] = {
      ...(ipv4Address === '' ? {} : { ipv4Address }),
      ...(ipv6Address === '' ? {} : { ipv6Address }),
    }
  }
  return addresses
}
