import type { ContainerSnapshot } from './project-snapshot.ts'

/** The engine's shared-memory size when none is asked for (64 MiB). */
const DEFAULT_SHM_SIZE = 64 * 2 ** 20

type Check = [setting: string, isSet: (container: ContainerSnapshot) => boolean]

/**
 * Settings a stack cannot write (keys Harbormaster's compose reader does not take), each with
 * how to tell it was asked for: the engine's neutral or default value means it was not.
 */
const CHECKS: Check[] = [
  ['read_only', ({ details }) => details.hostConfig.readonlyRootfs],
  ['pid', ({ details }) => details.hostConfig.pidMode !== ''],
  ['ipc', ({ details }) => !['', 'private', 'shareable'].includes(details.hostConfig.ipcMode)],
  ['uts', ({ details }) => details.hostConfig.utsMode !== ''],
  ['userns_mode', ({ details }) => details.hostConfig.usernsMode !== ''],
  ['cgroup_parent', ({ details }) => details.hostConfig.cgroupParent !== ''],
  ['runtime', ({ details }) => !['', 'runc'].includes(details.hostConfig.runtime)],
  ['volumes_from', ({ details }) => details.hostConfig.volumesFrom.length > 0],
  ['gpus (device requests)', ({ details }) => details.hostConfig.deviceRequests.length > 0],
  ['device_cgroup_rules', ({ details }) => details.hostConfig.deviceCgroupRules.length > 0],
  ['cpu_shares', ({ details }) => details.hostConfig.cpuShares > 0],
  ['cpu_quota', ({ settings }) => settings.cpuQuota > 0],
  ['cpu_period', ({ settings }) => settings.cpuPeriod > 0],
  ['cpuset', ({ settings }) => settings.cpusetCpus !== '' || settings.cpusetMems !== ''],
  ['memswap_limit', swapIsSet],
  ['shm_size', ({ settings }) => ![0, DEFAULT_SHM_SIZE].includes(settings.shmSize)],
  ['oom_kill_disable', ({ settings }) => settings.oomKillDisable],
  ['oom_score_adj', ({ settings }) => settings.oomScoreAdj !== 0],
  ['dns', ({ settings }) => settings.dns.length > 0],
  ['dns_search', ({ settings }) => settings.dnsSearch.length > 0],
  ['dns_opt', ({ settings }) => settings.dnsOptions.length > 0],
  ['extra_hosts', ({ settings }) => settings.extraHosts.length > 0],
  ['group_add', ({ settings }) => settings.groupAdd.length > 0],
  ['links', ({ settings }) => settings.links.length > 0],
  ['domainname', ({ settings }) => settings.domainname !== ''],
  ['mac_address', ({ settings }) => settings.macAddress !== ''],
  ['auto-remove (--rm)', ({ details }) => details.hostConfig.autoRemove],
]

/**
 * The engine's swap default is twice the memory limit (unlimited without one); compose sends
 * nothing unless `memswap_limit` is set.
 */
function swapIsSet({ details, settings }: ContainerSnapshot): boolean {
  const memory = details.hostConfig.memoryBytes
  return ![0, -1, memory > 0 ? memory * 2 : 0].includes(settings.memorySwap)
}

/** The settings of the container that the generated file leaves out, by their compose key. */
export function unkeptSettings(container: ContainerSnapshot): string[] {
  return CHECKS.filter(([, isSet]) => isSet(container)).map(([setting]) => setting)
}
