import { describe, expect, it } from 'vitest'
import { loadFixture } from '../fixtures/load-fixture.ts'
import { toEngineInfo, toEngineVersion } from './to-engine-info.ts'

describe('toEngineInfo (fixture: API 1.51 reference; the engine here serves ≤1.41)', () => {
  it('maps host, counts, storage and swarm state', () => {
    expect(toEngineInfo(loadFixture('v1.51/system-info.json'))).toEqual({
      id: '7TRN:IPZB:QYBB:VPBQ:UMPP:KARE:6ZNR:XE6T:7EWV:PKF4:ZOJD:TPYS',
      name: 'node5.corp.example.com',
      serverVersion: '27.0.1',
      operatingSystem: 'Ubuntu 24.04 LTS',
      osType: 'linux',
      architecture: 'x86_64',
      kernelVersion: '6.8.0-31-generic',
      ncpu: 4,
      memTotal: 2095882240,
      containers: 14,
      containersRunning: 3,
      containersPaused: 1,
      containersStopped: 10,
      images: 508,
      driver: 'overlay2',
      cgroupVersion: '1',
      cgroupDriver: 'cgroupfs',
      defaultRuntime: 'runc',
      loggingDriver: 'string',
      dockerRootDir: '/var/lib/docker',
      swarm: {
        localNodeState: 'active',
        controlAvailable: true,
        nodeId: 'k67qz4598weg5unwwffg6z1m1',
      },
      warnings: ['WARNING: No memory limit support'],
    })
  })
})

describe('toEngineInfo (fixture: API 1.41 shapes, docs/engine.md#swarm)', () => {
  it('reads an engine outside a swarm', () => {
    const info = toEngineInfo(loadFixture('v1.41/system-info-swarm-inactive.json'))
    expect(info.swarm).toEqual({ localNodeState: 'inactive', controlAvailable: false })
    expect(info.cgroupVersion).toBe('1')
  })

  it('reads a document without Swarm or CgroupVersion (Podman, engines before 1.41)', () => {
    const info = toEngineInfo({ ServerVersion: '4.3.1', NCPU: 2 })
    expect(info.swarm).toEqual({ localNodeState: 'inactive', controlAvailable: false })
    expect(info).not.toHaveProperty('cgroupVersion')
    expect(info).not.toHaveProperty('loggingDriver')
    expect(info).toMatchObject({ serverVersion: '4.3.1', ncpu: 2, warnings: [] })
  })
})

describe('toEngineVersion (fixture: API 1.51 reference; the engine here serves ≤1.41)', () => {
  it('maps versions and components', () => {
    expect(toEngineVersion(loadFixture('v1.51/system-version.json'))).toEqual({
      version: '27.0.1',
      apiVersion: '1.47',
      minApiVersion: '1.24',
      gitCommit: '48a66213fe',
      goVersion: 'go1.22.7',
      os: 'linux',
      arch: 'amd64',
      kernelVersion: '6.8.0-31-generic',
      platformName: 'string',
      components: [{ name: 'Engine', version: '27.0.1' }],
    })
  })

  it('reads the v1.23 shape without MinAPIVersion, Platform or Components', () => {
    const version = toEngineVersion({ Version: '1.11.0', ApiVersion: '1.23', Os: 'linux' })
    expect(version).not.toHaveProperty('minApiVersion')
    expect(version).not.toHaveProperty('platformName')
    expect(version.components).toEqual([])
  })
})
