import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { TimelinePage } from '@harbormaster/contract'
import { docker, testEngine } from '@harbormaster/testkit'
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest'
import { startFaultyEngineProxy } from '../../../test/faulty-engine-proxy.ts'
import { startHarness } from '../../../test/harness.ts'

const dir = mkdtempSync(join(tmpdir(), 'hm-timeline-replay-'))
let proxy: Awaited<ReturnType<typeof startFaultyEngineProxy>>
beforeAll(async () => {
  proxy = await startFaultyEngineProxy(join(dir, 'engine.sock'), testEngine().socketPath)
})
// Registered first, so it runs last: after the server that uses the proxy has closed.
afterAll(async () => {
  await proxy.close()
  rmSync(dir, { recursive: true, force: true })
})

describe('the timeline across a broken events stream and a restart', () => {
  const h = startHarness({ dockerHost: () => proxy.dockerHost })
  const engineHost = testEngine().dockerHost
  const labelArgs = () => Object.entries(h.labels).flatMap(([k, v]) => ['--label', `${k}=${v}`])
  const create = (name: string) =>
    docker(engineHost, ['create', '--name', name, ...labelArgs(), h.fixtureImage])
  const creates = async (name: string) => {
    const res = await (await h.as('admin')).get(`/api/hosts/local/timeline?container=${name}`)
    const page = (await res.json()) as TimelinePage
    return page.entries.filter((e) => e.kind === 'engine' && e.action === 'create').length
  }
  const kept = (name: string) =>
    vi.waitFor(async () => {
      expect(await creates(name)).toBeGreaterThan(0)
    }, 10_000)

  it('keeps the events the engine replays after the stream breaks once', async () => {
    const host = h.server.services.hosts.get('local')!
    await vi.waitFor(() => {
      expect(host.events.connected).toBe(true)
    }, 10_000)
    const before = h.uniqueName('before-break')
    await create(before)
    await kept(before)
    const subscriptions = () => proxy.seen.filter((line) => line.includes('/events?')).length
    const subscribed = subscriptions()

    proxy.cut()
    // The hub resumes with `since` at the last event it saw: the engine sends it again.
    await vi.waitFor(() => {
      expect(subscriptions()).toBe(subscribed + 1)
    }, 20_000)
    const after = h.uniqueName('after-break')
    await create(after)
    await kept(after)

    expect(proxy.seen.filter((line) => line.includes('/events?')).at(-1)).toMatch(
      /since=\d+\.\d{9}/,
    )
    expect(await creates(before)).toBe(1)
    // Dropped by the hub before the timeline heard of them: nothing for the table to ignore.
    expect(h.server.services.timeline.replaysIgnored).toBe(0)
  })

  it('keeps the events a restart resumes two seconds back once', async () => {
    const before = h.uniqueName('before-restart')
    await create(before)
    await kept(before)

    await h.restart()
    const after = h.uniqueName('after-restart')
    await create(after)
    await kept(after)

    expect(await creates(before)).toBe(1)
    // (A restart within two seconds brings `before` again; the table's identity index drops it.)
  })
})
