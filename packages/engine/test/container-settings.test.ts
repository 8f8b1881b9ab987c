import { docker, uniqueName } from '@harbormaster/testkit'
import { describe, expect, it } from 'vitest'
import { containerSettingsOf, imageHealthcheckOf } from '../src/index.ts'
import { useTestEngine } from './engine-fixture.ts'

const { info, engine, labels } = useTestEngine()
const labelArgs = Object.entries(labels).flatMap(([key, value]) => ['--label', `${key}=${value}`])

describe('containerSettingsOf: what inspect says beyond ContainerDetails (real engine)', () => {
  it('reads the settings a container was created with', async () => {
    const name = uniqueName('settings')
    await docker(info.dockerHost, [
      'create',
      '--name',
      name,
      ...labelArgs,
      '--init',
      '--ulimit',
      'nofile=1024:2048',
      '--tmpfs',
      '/run:size=1m',
      '--mount',
      'type=tmpfs,target=/cache,tmpfs-size=2097152',
      '-v',
      '/tmp:/host-tmp:ro,rshared',
      '-p',
      '127.0.0.1::80',
      '-p',
      '8053:53/udp',
      '--health-cmd',
      'true',
      '--health-interval',
      '5s',
      '--health-retries',
      '2',
      '--stop-timeout',
      '7',
      '--memory',
      '64m',
      '--memory-reservation',
      '32m',
      '--pids-limit',
      '50',
      '--dns',
      '10.0.0.53',
      '--add-host',
      'db:10.0.0.5',
      '--cap-drop',
      'MKNOD',
      '--log-opt',
      'max-size=1m',
      info.fixtureImage,
      'sleep',
      '300',
    ])

    const settings = containerSettingsOf(await engine.containers.inspect(name))

    expect(settings).toMatchObject({
      init: true,
      ulimits: [{ name: 'nofile', soft: 1024, hard: 2048 }],
      tmpfs: { '/run': 'size=1m' },
      mounts: [{ type: 'tmpfs', target: '/cache', tmpfsSize: 2097152, readOnly: false }],
      propagation: { '/host-tmp': 'rshared' },
      healthcheck: { test: ['CMD-SHELL', 'true'], interval: 5e9, retries: 2, timeout: 0 },
      stopTimeout: 7,
      memoryReservation: 32 * 2 ** 20,
      memorySwap: 128 * 2 ** 20,
      pidsLimit: 50,
      dns: ['10.0.0.53'],
      extraHosts: ['db:10.0.0.5'],
      // The docker CLI (28) sends capabilities with their CAP_ prefix.
      capDrop: ['CAP_MKNOD'],
      logConfig: { type: 'json-file', config: { 'max-size': '1m' } },
      shmSize: 64 * 2 ** 20,
      staticAddresses: {},
    })
    expect(settings.portBindings.sort((a, b) => a.port - b.port)).toEqual([
      { port: 53, protocol: 'udp', hostPort: 8053 },
      { port: 80, protocol: 'tcp', hostIp: '127.0.0.1' },
    ])
  })

  it('leaves out what a container asks nothing about, and reads an image without a check', async () => {
    const name = uniqueName('plain')
    await docker(info.dockerHost, ['create', '--name', name, ...labelArgs, info.fixtureImage])

    const settings = containerSettingsOf(await engine.containers.inspect(name))

    expect(settings).not.toHaveProperty('init')
    expect(settings).not.toHaveProperty('healthcheck')
    expect(settings).not.toHaveProperty('stopTimeout')
    expect(settings).not.toHaveProperty('pidsLimit')
    expect(settings).toMatchObject({ portBindings: [], mounts: [], ulimits: [], capDrop: [] })
    expect(imageHealthcheckOf(await engine.images.inspect(info.fixtureImage))).toBeUndefined()
  })
})
