import type { ContainerCreateInput } from '@harbormaster/contract'
import type { ContainerDetails } from '@harbormaster/engine'
import { type HostPathRules, refusedContainerSettings } from './settings-policy.ts'

/** What the engine fills in for a container that asked for nothing (from its /info). */
export interface EngineDefaults {
  /** `DefaultRuntime`; absent on engines that do not say (then `runc`). */
  defaultRuntime?: string | undefined
  /** `host` on cgroup v1, where the engine puts every container in the host's cgroup namespace. */
  cgroupnsMode: 'host' | 'private'
}

type Setting = [reason: string, spec: Partial<ContainerCreateInput>]

/**
 * The settings of an existing container that only an admin could have created: exactly what
 * `refusedContainerSettings` refuses a non-admin at create, read back from the engine's inspect.
 * Such a container hands over the host to whoever runs code in it, so exec, attach input and its
 * files are admin-only. Each setting is checked on its own, so a reason names the value
 * (`mounts (/var/run/docker.sock)`). Left out on purpose: published ports below 1024 and our
 * reserved labels, which a create refuses for other reasons (binding a privileged host port,
 * forging ownership) and which give nothing of the host to a process inside the container.
 * Named volumes with bind options need the engine: see `localVolumesOf`.
 */
export function adminOnlySettings(
  details: ContainerDetails,
  rules: HostPathRules,
  defaults: EngineDefaults,
): string[] {
  const reasons = new Set<string>()
  for (const [reason, spec] of settingsOf(details, defaults)) {
    if (refusedContainerSettings({ image: details.image, ...spec }, rules).length > 0)
      reasons.add(reason)
  }
  return [...reasons, ...deviceGrants(details)]
}

/** Named volumes of the local driver the container mounts: each may be a host path in disguise. */
export function localVolumesOf(details: ContainerDetails): string[] {
  return details.mounts
    .filter((m) => m.type === 'volume' && m.name && (m.driver ?? 'local') === 'local')
    .map((m) => m.name ?? '')
}

function settingsOf(details: ContainerDetails, defaults: EngineDefaults): Setting[] {
  const host = details.hostConfig
  const settings: Setting[] = [
    ['privileged', { privileged: host.privileged }],
    ...namespaceSettings(details, defaults),
    ...host.capAdd.map((cap): Setting => [`capAdd (${cap})`, { capAdd: [cap] }]),
    ...host.devices.map(({ pathOnHost, pathInContainer }): Setting => [
      `devices (${pathOnHost})`,
      { devices: [{ pathOnHost, pathInContainer }] },
    ]),
    ...securityOptions(details).map((opt): Setting => [
      `securityOpt (${opt})`,
      { securityOpt: [opt] },
    ]),
    ...Object.entries(host.sysctls).map(([key, value]): Setting => [
      `sysctls (${key})`,
      { sysctls: { [key]: value } },
    ]),
    ...host.volumesFrom.map((from): Setting => [`volumesFrom (${from})`, { volumesFrom: [from] }]),
    ...hostPaths(details),
  ]
  const runtime = host.runtime
  if (runtime !== '' && runtime !== (defaults.defaultRuntime ?? 'runc'))
    settings.push([`runtime (${runtime})`, { runtime }])
  if (host.cgroupParent !== '')
    settings.push([`cgroupParent (${host.cgroupParent})`, { cgroupParent: host.cgroupParent }])
  if (host.volumeDriver !== '')
    settings.push([`volumeDriver (${host.volumeDriver})`, { volumeDriver: host.volumeDriver }])
  return settings
}

/** Host namespaces; the cgroup namespace only when the engine would not have chosen it itself. */
function namespaceSettings(details: ContainerDetails, defaults: EngineDefaults): Setting[] {
  const host = details.hostConfig
  const modes = {
    networkMode: host.networkMode,
    pidMode: host.pidMode,
    ipcMode: host.ipcMode,
    utsMode: host.utsMode,
    usernsMode: host.usernsMode,
    cgroupnsMode: host.cgroupnsMode === defaults.cgroupnsMode ? '' : host.cgroupnsMode,
  }
  return Object.entries(modes)
    .filter(([, mode]) => mode !== '')
    .map(([setting, mode]): Setting => [`${setting} (${mode})`, { [setting]: mode }])
}

/**
 * `label=disable` is what the engine itself adds for a privileged container or one sharing the
 * host's pid or ipc namespace: those are named already, so it is not named again.
 */
function securityOptions(details: ContainerDetails): string[] {
  const host = details.hostConfig
  const engineAdded =
    host.privileged || host.pidMode === 'host' || host.ipcMode === 'host'
      ? ['label=disable', 'label:disable']
      : []
  return host.securityOpt.filter((opt) => !engineAdded.includes(opt))
}

/** Host paths, from the mount list the engine keeps (binds and mounts alike) and from Binds. */
function hostPaths(details: ContainerDetails): Setting[] {
  const fromMounts = details.mounts
    .filter((m) => m.type === 'bind' || m.type === 'npipe')
    .map((m): Setting => [
      `mounts (${m.source})`,
      {
        mounts: [
          {
            type: m.type === 'npipe' ? 'npipe' : 'bind',
            source: m.source,
            target: m.destination,
            readOnly: !m.readWrite,
          },
        ],
      },
    ])
  const fromBinds = details.hostConfig.binds.map((bind): Setting => [
    `mounts (${bind.split(':')[0] ?? bind})`,
    { binds: [bind] },
  ])
  return [...fromMounts, ...fromBinds]
}

/**
 * GPUs (`--gpus`) and device cgroup rules cannot be asked for through our create form at all, so
 * an engine that reports them had them set by someone with the engine's socket: admin-only.
 */
function deviceGrants(details: ContainerDetails): string[] {
  const host = details.hostConfig
  return [
    ...host.deviceRequests.map((request) => `deviceRequests (${request.driver || 'any'})`),
    ...host.deviceCgroupRules.map((rule) => `deviceCgroupRules (${rule})`),
  ]
}
