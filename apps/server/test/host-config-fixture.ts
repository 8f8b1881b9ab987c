import type { ContainerDetails } from '@harbormaster/engine'

/**
 * HostConfig as Engine 20.10 fills it in for a container that asked for nothing, for tests that
 * build container details by hand; `overrides` set what the test is about.
 */
export function plainHostConfig(
  overrides: Partial<ContainerDetails['hostConfig']> = {},
): ContainerDetails['hostConfig'] {
  return {
    restartPolicy: { name: 'no' },
    networkMode: 'default',
    binds: [],
    memoryBytes: 0,
    nanoCpus: 0,
    cpuShares: 0,
    privileged: false,
    autoRemove: false,
    readonlyRootfs: false,
    pidMode: '',
    ipcMode: 'private',
    utsMode: '',
    usernsMode: '',
    cgroupnsMode: 'host',
    capAdd: [],
    devices: [],
    deviceRequests: [],
    deviceCgroupRules: [],
    securityOpt: [],
    sysctls: {},
    runtime: 'runc',
    cgroupParent: '',
    volumeDriver: '',
    volumesFrom: [],
    ...overrides,
  }
}
