import type { ContainerDetails, ContainerMount } from '@harbormaster/engine'
import { describe, expect, it } from 'vitest'
import { type EngineDefaults, adminOnlySettings, localVolumesOf } from './admin-only-container.ts'
import { plainHostConfig } from '../../test/host-config-fixture.ts'

/** What a plain `docker run busybox` looks like to inspect on a cgroup v1 engine (checked there). */
function plain(
  host: Partial<ContainerDetails['hostConfig']> = {},
  mounts: ContainerMount[] = [],
): ContainerDetails {
  return {
    id: 'c1',
    name: 'plain',
    created: '2025-01-01T00:00:00Z',
    image: 'busybox',
    imageId: 'sha256:1',
    path: 'sleep',
    args: ['300'],
    state: {
      status: 'running',
      running: true,
      paused: false,
      restarting: false,
      oomKilled: false,
      dead: false,
      pid: 1,
      exitCode: 0,
      error: '',
    },
    restartCount: 0,
    config: {
      hostname: 'c1',
      user: '',
      env: [],
      cmd: [],
      entrypoint: [],
      workingDir: '',
      labels: {},
      tty: false,
      openStdin: false,
      exposedPorts: [],
    },
    hostConfig: plainHostConfig(host),
    ports: [{ privatePort: 80, type: 'tcp', publicPort: 80 }],
    networks: {},
    mounts,
    raw: {},
  }
}

const rules = { allowedBindPrefixes: ['/srv/shared'] }
const v1: EngineDefaults = { defaultRuntime: 'runc', cgroupnsMode: 'host' }
const v2: EngineDefaults = { defaultRuntime: 'runc', cgroupnsMode: 'private' }
const bind = (source: string, readWrite = true): ContainerMount => ({
  type: 'bind',
  source,
  destination: '/x',
  mode: '',
  readWrite,
})

describe('admin-only settings of an existing container, from its inspect', () => {
  it('flags nothing on a plain container, nor on harmless settings and defaults', () => {
    expect(adminOnlySettings(plain(), rules, v1)).toEqual([])
    const harmless = plain(
      {
        securityOpt: ['no-new-privileges'],
        binds: ['data:/data', '/srv/shared/app:/app:ro'],
        networkMode: 'my-net',
        ipcMode: 'shareable',
        cgroupnsMode: 'private',
      },
      [
        {
          type: 'volume',
          name: 'data',
          source: '/var/lib/docker/volumes/data/_data',
          destination: '/data',
          mode: 'z',
          readWrite: true,
          driver: 'local',
        },
        bind('/srv/shared/app', false),
        { type: 'tmpfs', source: '', destination: '/tmp', mode: '', readWrite: true },
      ],
    )
    expect(adminOnlySettings(harmless, rules, v1)).toEqual([])
    expect(adminOnlySettings(plain({ cgroupnsMode: 'private' }), rules, v2)).toEqual([])
    expect(
      adminOnlySettings(plain({ runtime: 'crun', cgroupnsMode: 'private' }), rules, {
        ...v2,
        defaultRuntime: 'crun',
      }),
    ).toEqual([])
  })

  it.each<[string, Partial<ContainerDetails['hostConfig']>, ContainerMount[]]>([
    ['privileged', { privileged: true, securityOpt: ['label=disable'] }, []],
    ['pidMode (host)', { pidMode: 'host', securityOpt: ['label=disable'] }, []],
    ['networkMode (host)', { networkMode: 'host' }, []],
    ['networkMode (container:abc)', { networkMode: 'container:abc' }, []],
    ['ipcMode (host)', { ipcMode: 'host' }, []],
    ['utsMode (host)', { utsMode: 'host' }, []],
    ['usernsMode (host)', { usernsMode: 'host' }, []],
    ['capAdd (SYS_ADMIN)', { capAdd: ['SYS_ADMIN'] }, []],
    ['securityOpt (seccomp=unconfined)', { securityOpt: ['seccomp=unconfined'] }, []],
    ['securityOpt (label=disable)', { securityOpt: ['label=disable'] }, []],
    [
      'devices (/dev/sda)',
      {
        devices: [
          { pathOnHost: '/dev/sda', pathInContainer: '/dev/sda', cgroupPermissions: 'rwm' },
        ],
      },
      [],
    ],
    ['deviceRequests (nvidia)', { deviceRequests: [{ driver: 'nvidia', count: -1 }] }, []],
    ['deviceCgroupRules (c 1:3 mr)', { deviceCgroupRules: ['c 1:3 mr'] }, []],
    ['sysctls (net.ipv4.ip_forward)', { sysctls: { 'net.ipv4.ip_forward': '1' } }, []],
    ['runtime (kata)', { runtime: 'kata' }, []],
    ['cgroupParent (/)', { cgroupParent: '/' }, []],
    ['volumeDriver (nfs)', { volumeDriver: 'nfs' }, []],
    ['volumesFrom (other)', { volumesFrom: ['other'] }, []],
    ['mounts (/var/run/docker.sock)', { binds: ['/var/run/docker.sock:/var/run/docker.sock'] }, []],
    ['mounts (/etc)', {}, [bind('/etc', false)]],
    ['mounts (/srv/shared/../../etc)', {}, [bind('/srv/shared/../../etc')]],
  ])('flags %s', (reason, host, mounts) => {
    expect(adminOnlySettings(plain(host, mounts), rules, v1)).toEqual([reason])
  })

  it("flags the host's cgroup namespace only where the engine would not have chosen it", () => {
    expect(adminOnlySettings(plain({ cgroupnsMode: 'host' }), rules, v2)).toEqual([
      'cgroupnsMode (host)',
    ])
  })

  it('names each host path once, whether it came from Binds or Mounts', () => {
    const both = plain({ binds: ['/etc:/x'] }, [bind('/etc')])
    expect(adminOnlySettings(both, rules, v1)).toEqual(['mounts (/etc)'])
  })

  it('lists the local named volumes to check for bind options', () => {
    const mounts: ContainerMount[] = [
      {
        type: 'volume',
        name: 'a',
        source: '/v/a',
        destination: '/a',
        mode: '',
        readWrite: true,
        driver: 'local',
      },
      {
        type: 'volume',
        name: 'b',
        source: '/v/b',
        destination: '/b',
        mode: '',
        readWrite: true,
        driver: 'nfs-plugin',
      },
      bind('/srv/shared'),
    ]
    expect(localVolumesOf(plain({}, mounts))).toEqual(['a'])
  })
})
