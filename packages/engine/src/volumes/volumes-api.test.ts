import { describe, expect, it } from 'vitest'
import { useFakeEngine } from '../fixtures/fake-engine.ts'
import { loadFixture } from '../fixtures/load-fixture.ts'
import { VolumesApi } from './volumes-api.ts'

const volumes = useFakeEngine((client) => new VolumesApi(client))

const pruned = () => ({ json: loadFixture('v1.51/volumes-prune.json') })

describe('VolumesApi requests (fake engine: API 1.51 shapes cannot come from the engine here)', () => {
  it('survives Volumes: null on a host without volumes', async () => {
    const { api, requests } = await volumes('1.41', () => ({
      json: loadFixture('v1.41/volumes-list-empty.json'),
    }))
    expect(await api.list({ filters: { dangling: ['true'] } })).toEqual([])
    expect(requests[0]?.query.get('filters')).toBe('{"dangling":["true"]}')
  })

  it('sends the `all` prune filter from API 1.42 only', async () => {
    const modern = await volumes('1.51', pruned)
    expect(await modern.api.prune({ all: true })).toEqual({
      deleted: ['string'],
      spaceReclaimed: 0,
    })
    expect(modern.requests[0]?.query.get('filters')).toBe('{"all":["true"]}')

    const old = await volumes('1.41', pruned)
    await old.api.prune({ all: true, filters: { label: ['io.harbormaster.test'] } })
    expect(old.requests[0]?.query.get('filters')).toBe('{"label":["io.harbormaster.test"]}')
  })

  it('creates and removes by name', async () => {
    const { api, requests } = await volumes('1.41', (req) =>
      req.method === 'POST'
        ? { status: 201, json: loadFixture('v1.51/volume-inspect.json') }
        : { status: 204 },
    )
    const volume = await api.create({ name: 'tardis', driverOpts: { type: 'tmpfs' } })
    await api.remove('tardis', { force: true })
    expect(volume.name).toBe('tardis')
    expect(JSON.parse(requests[0]?.body.toString() ?? '')).toEqual({
      Name: 'tardis',
      DriverOpts: { type: 'tmpfs' },
    })
    expect(requests[1]).toMatchObject({ method: 'DELETE', path: '/volumes/tardis' })
    expect(requests[1]?.query.get('force')).toBe('true')
  })
})
