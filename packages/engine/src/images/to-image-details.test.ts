import { describe, expect, it } from 'vitest'
import { loadFixture } from '../fixtures/load-fixture.ts'
import { toImageDetails } from './to-image-details.ts'

describe('toImageDetails (fixture: API 1.51 reference; the engine here serves ≤1.41)', () => {
  const wire = loadFixture('v1.51/image-inspect.json')
  const details = toImageDetails(wire)

  it('maps identity, platform and size', () => {
    expect(details).toMatchObject({
      id: 'sha256:ec3f0931a6e6b6855d76b2d7b0be30e81860baccd891b2e243280bf1cd8ad710',
      created: '2022-02-04T21:20:12.497794809Z',
      architecture: 'arm',
      variant: 'v7',
      os: 'linux',
      size: 1239828,
      graphDriver: 'overlay2',
      lastTagTime: '2022-02-28T14:40:02.623929178Z',
    })
    expect(details.repoTags).toHaveLength(4)
    expect(details.layers).toHaveLength(2)
    expect(details.raw).toBe(wire)
  })

  it('leaves out the empty Parent, Author, Comment and OsVersion', () => {
    for (const key of ['parentId', 'author', 'comment', 'osVersion']) {
      expect(details).not.toHaveProperty(key)
    }
  })

  it('maps the image config, with ports and volumes as lists', () => {
    expect(details.config).toEqual({
      user: 'web:web',
      env: ['PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin'],
      cmd: ['/bin/sh'],
      entrypoint: [],
      workingDir: '/public/',
      exposedPorts: ['80/tcp', '443/tcp'],
      volumes: ['/app/data', '/app/config'],
      labels: {
        'com.example.some-label': 'some-value',
        'com.example.some-other-label': 'some-other-value',
      },
      onBuild: [],
      stopSignal: 'SIGTERM',
      healthcheck: ['string'],
    })
  })
})

describe('toImageDetails (older and sparser documents)', () => {
  it('treats a missing or zero Created as unknown (1.44+ omits it)', () => {
    expect(toImageDetails({ Id: 'sha256:a' })).not.toHaveProperty('created')
    expect(toImageDetails({ Created: '0001-01-01T00:00:00Z' })).not.toHaveProperty('created')
  })

  it('reads a string Cmd, a null Config and a disabled healthcheck', () => {
    const details = toImageDetails({
      Config: { Cmd: 'sh', Entrypoint: null, Healthcheck: { Test: ['NONE'] } },
      RepoTags: ['<none>:<none>'],
    })
    expect(details.config.cmd).toEqual(['sh'])
    expect(details.config.entrypoint).toEqual([])
    expect(details.config).not.toHaveProperty('healthcheck')
    expect(details.repoTags).toEqual([])
    expect(toImageDetails({ Config: null }).config.env).toEqual([])
  })
})
