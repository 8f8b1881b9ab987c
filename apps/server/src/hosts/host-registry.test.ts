import { pino } from 'pino'
import { afterEach, describe, expect, it } from 'vitest'
import { FakeEngine } from '../../test/fake-engine.ts'
import { HostRegistry } from './host-registry.ts'

const registries: HostRegistry[] = []
afterEach(() => {
  for (const registry of registries.splice(0)) registry.close()
})

function registryWith(dataDirOnEngineHost: boolean | undefined) {
  const fake = new FakeEngine()
  const registry = new HostRegistry(pino({ level: 'silent' }), {
    statsMaxStreams: 1,
    dataDirOnEngineHost,
    createEngine: () => fake.engine,
  })
  registries.push(registry)
  registry.add({ id: 'socket', name: 'socket', endpoint: { host: 'unix:///run/docker.sock' } })
  registry.add({ id: 'tcp', name: 'tcp', endpoint: { host: 'tcp://10.0.0.5:2376' } })
  return (id: string) => registry.get(id)?.seesServerFiles
}

describe("whether a host's engine sees this server's files", () => {
  it('does through a unix socket, unless the data directory is not on its host', () => {
    expect(registryWith(undefined)('socket')).toBe(true)
    expect(registryWith(true)('socket')).toBe(true)
    expect(registryWith(false)('socket')).toBe(false)
  })

  it('never does over TCP', () => {
    expect(registryWith(true)('tcp')).toBe(false)
  })
})
