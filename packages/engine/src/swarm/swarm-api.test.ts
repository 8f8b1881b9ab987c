import { describe, expect, it } from 'vitest'
import { EngineNotManagerError } from '../errors.ts'
import { useFakeEngine } from '../fixtures/fake-engine.ts'
import { loadFixture } from '../fixtures/load-fixture.ts'
import { SwarmApi } from './swarm-api.ts'

const swarm = useFakeEngine((client) => new SwarmApi(client))

const services = () => ({ json: loadFixture('v1.51/services-list.json') })

describe('SwarmApi requests (fake engine: API 1.51 shapes cannot come from the engine here)', () => {
  it('asks for service status from API 1.41 only', async () => {
    const modern = await swarm('1.51', services)
    await modern.api.services({ status: true })
    expect(modern.requests[0]?.query.get('status')).toBe('true')

    const old = await swarm('1.40', services)
    await old.api.services({ status: true })
    expect(old.requests[0]?.query.has('status')).toBe(false)
  })

  it('turns the 503 of a non-manager into EngineNotManagerError', async () => {
    const message =
      'This node is not a swarm manager. Use "docker swarm init" or "docker swarm join" to connect this node to swarm and try again.'
    const { api } = await swarm('1.41', () => ({ status: 503, json: { message } }))
    await expect(api.nodes()).rejects.toBeInstanceOf(EngineNotManagerError)
  })

  it('tells a manager from the /info swarm state', async () => {
    const manager = await swarm('1.51', () => ({ json: loadFixture('v1.51/system-info.json') }))
    expect(await manager.api.isManager()).toBe(true)

    const plain = await swarm('1.41', () => ({
      json: loadFixture('v1.41/system-info-swarm-inactive.json'),
    }))
    expect(await plain.api.isManager()).toBe(false)
  })

  it('opens service logs with both streams selected', async () => {
    const { api, requests } = await swarm('1.41', () => ({ text: '' }))
    const body = await api.serviceLogs('web', { follow: true, tail: 10 })
    body.resume()
    expect(requests[0]?.path).toBe('/services/web/logs')
    expect(Object.fromEntries(requests[0]?.query ?? [])).toEqual({
      follow: 'true',
      tail: '10',
      stdout: 'true',
      stderr: 'true',
    })
  })
})
