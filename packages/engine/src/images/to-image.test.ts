import { describe, expect, it } from 'vitest'
import { loadFixture } from '../fixtures/load-fixture.ts'
import { toImage, toImageHistoryEntry, toImageRemovals } from './to-image.ts'

const asList = (name: string): unknown[] => loadFixture(name) as unknown[]

describe('toImage (fixture: API 1.51 reference; the engine here serves ≤1.41)', () => {
  it('maps a list item, reading the integers the reference renders as strings', () => {
    const [image] = asList('v1.51/images-list.json').map(toImage)
    expect(image).toEqual({
      id: 'sha256:ec3f0931a6e6b6855d76b2d7b0be30e81860baccd891b2e243280bf1cd8ad710',
      repoTags: [
        'example:1.0',
        'example:latest',
        'example:stable',
        'internal.registry.example.com:5000/example:1.0',
      ],
      repoDigests: [
        'example@sha256:afcc7f1ac1b49db317a7196c902e61c6c3c4607d63599ee1a82d702d249a0ccb',
        'internal.registry.example.com:5000/example@sha256:b69959407d21e8a062e0416bf13405bb2b71ed7a84dde4158ebafacfa06f5578',
      ],
      created: 1644009612,
      size: 172064416,
      sharedSize: 1239828,
      containers: 2,
      labels: {
        'com.example.some-label': 'some-value',
        'com.example.some-other-label': 'some-other-value',
      },
    })
  })

  it('maps history entries', () => {
    const history = asList('v1.51/image-history.json').map(toImageHistoryEntry)
    expect(history).toHaveLength(3)
    expect(history[0]).toMatchObject({ created: 1398108230, size: 182964289 })
    expect(history[0]?.tags).toEqual(['ubuntu:lucid', 'ubuntu:10.04'])
    expect(history[2]).toMatchObject({ createdBy: '', comment: 'Imported from -', size: 0 })
  })

  it('maps a removal answer and splits an item that both untagged and deleted', () => {
    expect(toImageRemovals(loadFixture('v1.51/image-remove.json'))).toEqual([
      { untagged: '3e2f21a89f' },
      { deleted: '3e2f21a89f' },
      { deleted: '53b4f83ac9' },
    ])
    const prune = loadFixture('v1.51/images-prune.json') as { ImagesDeleted: unknown }
    expect(toImageRemovals(prune.ImagesDeleted)).toEqual([
      { untagged: 'string' },
      { deleted: 'string' },
    ])
  })
})

describe('toImage (fixture: API 1.41 shapes, docs/engine.md#images-across-versions)', () => {
  const [tagged, untagged] = asList('v1.41/images-list.json').map(toImage)

  it('turns -1 counts into absent fields and null maps into empty ones', () => {
    expect(tagged).not.toHaveProperty('containers')
    expect(tagged).not.toHaveProperty('sharedSize')
    expect(tagged).not.toHaveProperty('parentId')
    expect(tagged?.labels).toEqual({})
    expect(tagged?.repoDigests).toEqual([])
  })

  it('drops the <none>:<none> and <none>@<none> placeholders of untagged images', () => {
    expect(untagged?.repoTags).toEqual([])
    expect(untagged?.repoDigests).toEqual([])
    expect(untagged?.parentId).toBe(tagged?.id)
  })

  it('skips <missing> layer ids and null tags in history', () => {
    const entry = toImageHistoryEntry({ Id: '<missing>', Created: 1, Tags: null, Size: 0 })
    expect(entry).toEqual({ created: 1, createdBy: '', tags: [], size: 0, comment: '' })
  })
})

describe('toImage (fixture: Podman 4.3 shapes, docs/engine.md#podman)', () => {
  it('keeps the real container count Podman reports', () => {
    const [image] = asList('podman-4.3/images-list.json').map(toImage)
    expect(image?.containers).toBe(2)
    expect(image?.repoTags).toEqual(['quay.io/podman/hello:latest'])
  })
})
