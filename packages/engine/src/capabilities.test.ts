import { describe, expect, it } from 'vitest'
import { assertPathSupported, engineCapabilities, featureOfPath } from './capabilities.ts'
import { EngineUnsupportedError } from './errors.ts'

describe('engine capabilities by API version', () => {
  it('has no volumes, networks or stats at 1.15, and all of them from 1.21', () => {
    expect(engineCapabilities('1.15')).toMatchObject({
      volumes: false,
      networks: false,
      stats: false,
      typedEvents: false,
    })
    expect(engineCapabilities('1.17').stats).toBe(true)
    expect(engineCapabilities('1.20')).toMatchObject({ networks: false, archive: true })
    expect(engineCapabilities('1.21')).toMatchObject({ volumes: true, networks: true })
    expect(engineCapabilities('1.22').typedEvents).toBe(true)
    expect(Object.values(engineCapabilities('1.41')).every(Boolean)).toBe(true)
    expect(engineCapabilities('1.41', 'podman').swarm).toBe(false)
  })

  it('names the feature each request path needs', () => {
    expect(featureOfPath('/networks')).toBe('networks')
    expect(featureOfPath('/networks/abc/connect')).toBe('networks')
    expect(featureOfPath('/volumes/prune')).toBe('prune')
    expect(featureOfPath('/containers/abc/stats')).toBe('stats')
    expect(featureOfPath('/containers/json')).toBeUndefined()
    expect(featureOfPath('/containers/networks-box/json')).toBeUndefined()
  })

  it('refuses a path the version lacks with a message a view can show', () => {
    expect(() => {
      assertPathSupported('/networks', '1.15')
    }).toThrow(EngineUnsupportedError)
    expect(() => {
      assertPathSupported('/networks', '1.15')
    }).toThrow("This engine's API 1.15 has no networks")
    expect(() => {
      assertPathSupported('/networks', '1.21')
    }).not.toThrow()
    expect(() => {
      assertPathSupported('/containers/json', '1.12')
    }).not.toThrow()
  })
})
