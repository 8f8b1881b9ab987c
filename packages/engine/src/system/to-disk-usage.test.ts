import { describe, expect, it } from 'vitest'
import { loadFixture } from '../fixtures/load-fixture.ts'
import { toDiskUsage } from './to-disk-usage.ts'

describe('toDiskUsage (fixture: API 1.51 reference; the engine here serves ≤1.41)', () => {
  const usage = toDiskUsage(loadFixture('v1.51/system-df.json'))

  it('maps the layer total and the images', () => {
    expect(usage.layersSize).toBe(1092588)
    expect(usage.images).toEqual([
      {
        id: 'sha256:2b8fd9751c4c0f5dd266fcae00707e67a2545ef34f9a29354585f93dac906749',
        repoTags: ['busybox:latest'],
        repoDigests: [
          'busybox@sha256:a59906e33509d14c036c8678d687bd4eec81ed7c4b8ce907b888c607f6a1e0e6',
        ],
        created: 1466724217,
        size: 1092588,
        sharedSize: 0,
        containers: 1,
        labels: {},
      },
    ])
  })

  it('maps containers to the usage view fields', () => {
    expect(usage.containers).toEqual([
      {
        id: 'e575172ed11dc01bfce087fb27bee502db149e1a0fad7c296ad300bbff178148',
        name: 'top',
        image: 'busybox',
        state: 'exited',
        status: 'Exited (0) 56 minutes ago',
        created: 1472592424,
        sizeRootFs: 1092588,
      },
    ])
  })

  it('maps volumes with their usage and the build cache', () => {
    expect(usage.volumes[0]?.usageData).toEqual({ size: 10920104, refCount: 2 })
    expect(usage.buildCache).toHaveLength(2)
    expect(usage.buildCache[1]).toEqual({
      id: 'ndlpt0hhvkqcdfkputsk4cq9c',
      type: 'regular',
      description: expect.stringContaining('mount / from exec') as unknown,
      inUse: false,
      shared: true,
      size: 51,
      createdAt: '2021-06-28T13:31:03.002625487Z',
      lastUsedAt: '2021-07-07T22:02:32.773909517Z',
      usageCount: 26,
    })
  })

  it('reads null lists and a missing BuildCache (before 1.31) as empty', () => {
    expect(toDiskUsage({ LayersSize: 0, Images: null, Containers: null, Volumes: null })).toEqual({
      layersSize: 0,
      images: [],
      containers: [],
      volumes: [],
      buildCache: [],
    })
  })
})
