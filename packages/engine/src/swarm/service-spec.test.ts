import { describe, expect, it } from 'vitest'
import { readServiceSpec } from './read-service-spec.ts'
import type { ServiceSettings } from './service-settings.ts'
import { toServiceSpecWire, unsupportedSettings } from './service-spec.ts'

const full: ServiceSettings = {
  name: 'web',
  image: 'nginx:1.27',
  command: ['nginx'],
  args: ['-g', 'daemon off;'],
  env: ['A=1'],
  labels: { team: 'a' },
  containerLabels: { c: '1' },
  hostname: 'web',
  user: '33',
  workdir: '/srv',
  mounts: [
    { type: 'bind', source: '/srv/data', target: '/data', readOnly: true, nonRecursive: true },
    { type: 'volume', source: 'cache', target: '/cache', noCopy: true },
    { type: 'tmpfs', target: '/tmp', tmpfsSizeBytes: 1024, tmpfsMode: 0o1777 },
  ],
  networks: [{ name: 'front', aliases: ['www'] }],
  ports: [{ targetPort: 80, publishedPort: 8080, protocol: 'tcp', mode: 'host' }],
  endpointMode: 'dnsrr',
  mode: { replicated: 4 },
  placement: { constraints: ['node.role==worker'], spread: ['node.labels.zone'], maxReplicas: 2 },
  resources: { limits: { nanoCpus: 500_000_000, memoryBytes: 1 << 26, pids: 100 } },
  restartPolicy: { condition: 'on-failure', delayNs: 1, maxAttempts: 3, windowNs: 2 },
  updateConfig: { parallelism: 1, failureAction: 'rollback', monitorNs: 5, order: 'start-first' },
  rollbackConfig: { parallelism: 0, failureAction: 'pause' },
  secrets: [{ name: 'db', target: 'x', uid: '0', gid: '0', mode: 0o400 }],
  configs: [{ name: 'conf', target: 'c', uid: '0', gid: '0', mode: 0o444 }],
  healthcheck: { test: ['CMD', 'true'], intervalNs: 1_000_000_000, retries: 2 },
  capAdd: ['CAP_NET_ADMIN'],
  capDrop: ['CAP_CHOWN'],
  sysctls: { 'net.core.somaxconn': '1024' },
  logDriver: { name: 'json-file', options: { 'max-size': '1m' } },
  init: true,
  readOnly: true,
  stopGracePeriodNs: 1_000_000_000,
}

const ids = { secrets: new Map([['db', 'sid']]), configs: new Map([['conf', 'cid']]) }

describe('service specs', () => {
  it('reads back every setting it writes, and nothing it cannot say', () => {
    const wire = toServiceSpecWire(full, ids)
    expect(readServiceSpec(wire)).toEqual({ settings: full, unmodelled: [] })
  })

  it('sends secret and config ids with their names, and the ids the lookup found', () => {
    const wire = toServiceSpecWire(full, ids) as { TaskTemplate: { ContainerSpec: unknown } }
    expect(wire.TaskTemplate.ContainerSpec).toMatchObject({
      Secrets: [{ SecretID: 'sid', SecretName: 'db', File: { Name: 'x', Mode: 0o400 } }],
      Configs: [{ ConfigID: 'cid', ConfigName: 'conf' }],
    })
  })

  it('names the reference example’s fields that settings cannot say (v1.51)', () => {
    const wire = {
      Name: 'web',
      TaskTemplate: {
        PluginSpec: { Name: 'x', Remote: 'y' },
        ContainerSpec: {
          Image: 'nginx',
          Groups: ['docker'],
          Privileges: { CredentialSpec: null, SELinuxContext: { Disable: true } },
          Isolation: 'default',
        },
        Resources: {
          Reservations: { GenericResources: [{ DiscreteResourceSpec: { Kind: 'SSD', Value: 3 } }] },
        },
        Runtime: 'plugin',
        ForceUpdate: 3,
        Placement: { Platforms: [{ Architecture: 'amd64', OS: 'linux' }] },
      },
      Mode: { ReplicatedJob: { MaxConcurrent: 1, TotalCompletions: 1 } },
    }
    expect(readServiceSpec(wire).unmodelled.sort()).toEqual(
      [
        'TaskTemplate.PluginSpec',
        'TaskTemplate.ContainerSpec.Groups',
        'TaskTemplate.ContainerSpec.Privileges.SELinuxContext',
        'TaskTemplate.Resources.Reservations.GenericResources',
        'TaskTemplate.Runtime',
        'Mode.ReplicatedJob',
      ].sort(),
    )
  })

  it('names mount options it cannot say: a volume driver’s options may bind a host path', () => {
    const mount = {
      Type: 'volume',
      Source: 'v',
      Target: '/v',
      VolumeOptions: { DriverConfig: { Name: 'local', Options: { o: 'bind', device: '/' } } },
      BindOptions: { Propagation: 'rshared' },
    }
    const wire = { TaskTemplate: { ContainerSpec: { Mounts: [mount] } } }
    expect(readServiceSpec(wire).unmodelled).toEqual([
      'TaskTemplate.ContainerSpec.Mounts[0].BindOptions.Propagation',
      'TaskTemplate.ContainerSpec.Mounts[0].VolumeOptions.DriverConfig',
    ])
  })

  it('judges a mount type it does not model as a host path', () => {
    const wire = {
      TaskTemplate: { ContainerSpec: { Mounts: [{ Type: 'npipe', Source: 'p', Target: '/p' }] } },
    }
    expect(readServiceSpec(wire).settings.mounts).toEqual([
      { type: 'bind', source: 'p', target: '/p' },
    ])
  })

  it('refuses what an older engine would drop without a word', () => {
    expect(unsupportedSettings(full, '1.40')).toEqual([
      'capAdd (API 1.41+)',
      'capDrop (API 1.41+)',
      'resources.limits.pids (API 1.41+)',
    ])
    expect(unsupportedSettings(full, '1.24')).toContain('configs (API 1.30+)')
    expect(unsupportedSettings(full, '1.41')).toEqual([])
  })
})
