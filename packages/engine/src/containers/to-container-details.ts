import {
  asArray,
  asBoolean,
  asNumber,
  asObject,
  asOptionalNumber,
  asOptionalString,
  asString,
  asStringArray,
  asStringMap,
  asTimestamp,
  stripSlash,
  type WireObject,
} from '../wire/wire-read.ts'
import { containerInspectAsOf } from '../wire/as-of-version.ts'
import { legacyMounts, legacyNetworks, stateFromFlags } from './legacy-shapes.ts'
import { readPortMap, toContainerState, toMount, toNetworks } from './to-container.ts'
import type {
  ContainerDetails,
  ContainerStateDetails,
  HostDevice,
  PortMapping,
  RestartPolicy,
} from './types.ts'

/**
 * Maps `GET /containers/{id}/json`; with `apiVersion`, as that version sends it (no
 * `State.Status` or `NetworkSettings.Networks` before 1.21, no `Mounts` before 1.20).
 */
export function toContainerDetails(wire: unknown, apiVersion?: string): ContainerDetails {
  const doc = apiVersion === undefined ? asObject(wire) : containerInspectAsOf(wire, apiVersion)
  const config = asObject(doc.Config)
  const host = asObject(doc.HostConfig)
  const network = asObject(doc.NetworkSettings)
  const sizeRw = asOptionalNumber(doc.SizeRw)
  const sizeRootFs = asOptionalNumber(doc.SizeRootFs)
  const stopSignal = asOptionalString(config.StopSignal)
  return {
    id: asString(doc.Id),
    name: stripSlash(asString(doc.Name)),
    created: asString(doc.Created),
    image: asString(config.Image),
    imageId: asString(doc.Image),
    path: asString(doc.Path),
    args: asStringArray(doc.Args),
    state: toStateDetails(doc.State),
    restartCount: asNumber(doc.RestartCount),
    config: {
      hostname: asString(config.Hostname),
      user: asString(config.User),
      env: asStringArray(config.Env),
      cmd: commandList(config.Cmd),
      entrypoint: commandList(config.Entrypoint),
      workingDir: asString(config.WorkingDir),
      labels: asStringMap(config.Labels),
      tty: asBoolean(config.Tty),
      openStdin: asBoolean(config.OpenStdin),
      exposedPorts: Object.keys(asObject(config.ExposedPorts)),
      ...(stopSignal ? { stopSignal } : {}),
    },
    hostConfig: {
      restartPolicy: toRestartPolicy(host.RestartPolicy),
      networkMode: asString(host.NetworkMode),
      binds: asStringArray(host.Binds),
      memoryBytes: asNumber(host.Memory),
      nanoCpus: asNumber(host.NanoCpus),
      cpuShares: asNumber(host.CpuShares),
      privileged: asBoolean(host.Privileged),
      autoRemove: asBoolean(host.AutoRemove),
      readonlyRootfs: asBoolean(host.ReadonlyRootfs),
      ...toIsolation(host),
    },
    ports: toInspectPorts(network.Ports),
    networks:
      network.Networks === undefined
        ? legacyNetworks(network, asString(host.NetworkMode))
        : toNetworks(network.Networks),
    mounts: doc.Mounts === undefined ? legacyMounts(doc) : asArray(doc.Mounts).map(toMount),
    ...(sizeRw === undefined ? {} : { sizeRw }),
    ...(sizeRootFs === undefined ? {} : { sizeRootFs }),
    raw: wire,
  }
}

/** The HostConfig settings that loosen a container's isolation from its host. */
function toIsolation(host: WireObject) {
  return {
    pidMode: asString(host.PidMode),
    ipcMode: asString(host.IpcMode),
    utsMode: asString(host.UTSMode),
    usernsMode: asString(host.UsernsMode),
    cgroupnsMode: asString(host.CgroupnsMode),
    capAdd: asStringArray(host.CapAdd),
    devices: asArray(host.Devices).map((wire): HostDevice => {
      const device = asObject(wire)
      return {
        pathOnHost: asString(device.PathOnHost),
        pathInContainer: asString(device.PathInContainer),
        cgroupPermissions: asString(device.CgroupPermissions),
      }
    }),
    deviceRequests: asArray(host.DeviceRequests).map((wire) => {
      const request = asObject(wire)
      return { driver: asString(request.Driver), count: asNumber(request.Count) }
    }),
    deviceCgroupRules: asStringArray(host.DeviceCgroupRules),
    securityOpt: asStringArray(host.SecurityOpt),
    sysctls: asStringMap(host.Sysctls),
    runtime: asString(host.Runtime),
    cgroupParent: asString(host.CgroupParent),
    volumeDriver: asString(host.VolumeDriver),
    volumesFrom: asStringArray(host.VolumesFrom),
  }
}

function toStateDetails(wire: unknown): ContainerStateDetails {
  const state = asObject(wire)
  const health = asObject(state.Health)
  const startedAt = asTimestamp(state.StartedAt)
  const finishedAt = asTimestamp(state.FinishedAt)
  const healthStatus = asString(health.Status)
  return {
    status: state.Status === undefined ? stateFromFlags(state) : toContainerState(state.Status),
    running: asBoolean(state.Running),
    paused: asBoolean(state.Paused),
    restarting: asBoolean(state.Restarting),
    oomKilled: asBoolean(state.OOMKilled),
    dead: asBoolean(state.Dead),
    pid: asNumber(state.Pid),
    exitCode: asNumber(state.ExitCode),
    error: asString(state.Error),
    ...(startedAt ? { startedAt } : {}),
    ...(finishedAt ? { finishedAt } : {}),
    ...(healthStatus === 'starting' || healthStatus === 'healthy' || healthStatus === 'unhealthy'
      ? { health: { status: healthStatus, failingStreak: asNumber(health.FailingStreak) } }
      : {}),
  }
}

function toRestartPolicy(wire: unknown): RestartPolicy {
  const policy = asObject(wire)
  const name = asString(policy.Name)
  const known = name === 'always' || name === 'unless-stopped' || name === 'on-failure'
  const retries = asNumber(policy.MaximumRetryCount)
  return {
    name: known ? name : 'no',
    ...(name === 'on-failure' && retries > 0 ? { maximumRetryCount: retries } : {}),
  }
}

/** A port exposed but not published has no bindings (`null`) and is listed once, unbound. */
function toInspectPorts(wire: unknown): PortMapping[] {
  return readPortMap(wire).flatMap(({ port, protocol, bindings }) => {
    const base = { privatePort: port, type: protocol }
    if (bindings.length === 0) return [base]
    return bindings.map(({ hostIp, hostPort }) => ({
      ...base,
      publicPort: hostPort,
      ...(hostIp ? { ip: hostIp } : {}),
    }))
  })
}

/** Cmd and Entrypoint may be a string in old documents, an array, or null. */
function commandList(value: unknown): string[] {
  if (typeof value === 'string') return value === '' ? [] : [value]
  return asStringArray(value)
}
