import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { type Engine, createEngine } from '@harbormaster/engine'
import {
  docker,
  labelsFor,
  newRunId,
  removeLabelled,
  testEngine,
  uniqueName,
  scaled,
} from '@harbormaster/testkit'
import pino from 'pino'
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest'
import { startFaultyEngineProxy } from '../../test/faulty-engine-proxy.ts'
import { HostEvents } from '../events/index.ts'
import { ContainerInventory } from './container-inventory.ts'

// The model against the shared real engine, through a proxy that fails or slows the requests a
// test names, as a busy or restarting engine does.
const runId = newRunId()
const label = Object.entries(labelsFor(runId)).map(([k, v]) => `${k}=${v}`)[0]!
const { socketPath, fixtureImage } = testEngine()
const isFilteredList = (url = '') => url.includes('/containers/json') && url.includes('filters')
const isFullList = (url = '') => url.includes('/containers/json') && !url.includes('filters')

let dir: string
let proxy: Awaited<ReturnType<typeof startFaultyEngineProxy>>
let engine: Engine
let events: HostEvents
let inventory: ContainerInventory
beforeAll(() => {
  dir = mkdtempSync(join(tmpdir(), 'hm-faults-'))
})
afterAll(async () => {
  await removeLabelled(testEngine().dockerHost, runId)
  rmSync(dir, { recursive: true, force: true })
})
beforeEach(async () => {
  proxy = await startFaultyEngineProxy(join(dir, 'engine.sock'), socketPath)
  engine = createEngine({ host: proxy.dockerHost })
  const logger = pino({ level: 'silent' })
  events = new HostEvents(engine, logger)
  inventory = new ContainerInventory(engine, events, logger)
  void events.run()
  await expect.poll(() => inventory.warm, { timeout: scaled(10_000) }).toBe(true)
})
afterEach(async () => {
  inventory.stop()
  events.stop()
  engine.close()
  await proxy.close()
})

const create = (name: string) =>
  docker(testEngine().dockerHost, ['create', '--name', name, '--label', label, fixtureImage])
const names = async () => (await inventory.list({ all: true }))?.map((c) => c.name) ?? []

describe('the container model when the engine fails it', () => {
  it('reads a container again when the read its event caused failed', async () => {
    let failures = 0
    proxy.rules.push({
      matches: (req) => isFilteredList(req.url) && failures++ < 2,
      fail: true,
    })
    const name = uniqueName('faulty-reread')
    await create(name)
    await expect.poll(names, { timeout: scaled(10_000) }).toContain(name)
    expect(failures).toBeGreaterThanOrEqual(3)
  })

  it('answers undefined (the caller reads the engine) instead of failing when a re-read fails', async () => {
    proxy.rules.push({ matches: (req) => isFilteredList(req.url), fail: true })
    const name = uniqueName('touched')
    await create(name)
    inventory.touch(name)
    await expect(inventory.list({ all: true })).resolves.toBeUndefined()
    proxy.rules.length = 0
    await expect.poll(names, { timeout: scaled(10_000) }).toContain(name)
  })

  it('stays stopped when a full read ends after stop()', async () => {
    proxy.rules.push({ matches: (req) => isFullList(req.url), delayMs: 300 })
    const reconciled = inventory.reconcile()
    inventory.stop()
    await reconciled
    expect(inventory.warm).toBe(false)
    await expect(inventory.list({ all: true })).resolves.toBeUndefined()
  })
  it("believes the container itself when the engine's list lags behind an event", async () => {
    const name = uniqueName('lagging')
    const { stdout } = await docker(testEngine().dockerHost, [
      'run',
      '-d',
      '--name',
      name,
      '--label',
      label,
      fixtureImage,
      'sleep',
      '600',
    ])
    const id = stdout.trim()
    const stateOf = async () =>
      (await inventory.list({ all: true }))?.find((c) => c.id === id)?.state
    await expect.poll(stateOf, { timeout: scaled(10_000) }).toBe('running')
    // Record the engine's answer about this container while it runs, then keep serving it.
    const aboutIt = (url = '') => isFilteredList(url) && decodeURIComponent(url).includes(id)
    proxy.rules.push({ matches: (req) => aboutIt(req.url), record: true })
    inventory.touch(id)
    await inventory.list({ all: true })
    proxy.rules.unshift({ matches: (req) => aboutIt(req.url), replay: true })

    await docker(testEngine().dockerHost, ['kill', id])
    await expect.poll(stateOf, { timeout: scaled(10_000) }).toBe('exited')
  })
})
