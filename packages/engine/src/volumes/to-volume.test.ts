import { describe, expect, it } from 'vitest'
import { loadFixture } from '../fixtures/load-fixture.ts'
import { toVolume } from './to-volume.ts'

describe('toVolume (fixture: API 1.51 reference; the engine here serves ≤1.41)', () => {
  it('maps a listed volume and drops the uncomputed UsageData (-1)', () => {
    const list = loadFixture('v1.51/volumes-list.json') as { Volumes: unknown[] }
    expect(list.Volumes.map(toVolume)).toEqual([
      {
        name: 'tardis',
        driver: 'custom',
        mountpoint: '/var/lib/docker/volumes/tardis',
        scope: 'local',
        createdAt: '2016-06-07T20:31:11.853781916Z',
        labels: {
          'com.example.some-label': 'some-value',
          'com.example.some-other-label': 'some-other-value',
        },
        options: { device: 'tmpfs', o: 'size=100m,uid=1000', type: 'tmpfs' },
      },
    ])
  })

  it('maps an inspect the same way', () => {
    expect(toVolume(loadFixture('v1.51/volume-inspect.json'))).toMatchObject({ name: 'tardis' })
  })

  it('keeps usage computed by /system/df and reads null Labels and Options as empty', () => {
    const df = loadFixture('v1.51/system-df.json') as { Volumes: unknown[] }
    expect(df.Volumes.map(toVolume)).toEqual([
      {
        name: 'my-volume',
        driver: 'local',
        mountpoint: '/var/lib/docker/volumes/my-volume/_data',
        scope: 'local',
        labels: {},
        options: {},
        usageData: { size: 10920104, refCount: 2 },
      },
    ])
  })
})

describe('toVolume (fixture: the v1.23 reference)', () => {
  it('reads a volume with only Name, Driver and Mountpoint', () => {
    const volume = toVolume({
      Name: 'tardis',
      Driver: 'local',
      Mountpoint: '/var/lib/docker/volumes/tardis',
    })
    expect(volume).toEqual({
      name: 'tardis',
      driver: 'local',
      mountpoint: '/var/lib/docker/volumes/tardis',
      scope: 'local',
      labels: {},
      options: {},
    })
  })
})
