import type { Host } from '@harbormaster/contract'
import { docker, scaled, testEngine } from '@harbormaster/testkit'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ApiClient } from '../../test/api-client.ts'
import { expectApiError, startHarness } from '../../test/harness.ts'
import { commandParam, openLive } from '../../test/live-client.ts'

/**
 * The server's main journeys with a host pinned to each old API version, against the real
 * engine: Engine 20.10 serves every version from 1.12 when asked, so the pin makes it answer as
 * an old engine would (docs/engine.md#what-each-version-lacks). One server; one host per version,
 * all on the same engine; one container per version shared by the journeys.
 */
const VERSIONS = ['1.12', '1.15', '1.20', '1.23', '1.24'] as const
const at = (version: string, feature: number) => Number(version.slice(2)) >= feature

interface Row {
  id: string
  name: string
  state: string
}

describe('hosts pinned to old API versions, against the real engine', () => {
  const h = startHarness()

  describe.each(VERSIONS)('a host pinned to API %s', (version) => {
    const hostId = `api-${version.replace('.', '-')}`
    const base = `/api/hosts/${hostId}`
    let operator: ApiClient
    let name = ''

    beforeAll(async () => {
      const admin = await h.as('admin')
      const res = await admin.post('/api/hosts', {
        id: hostId,
        name: `API ${version}`,
        address: h.dockerHost,
        apiVersion: version,
      })
      expect(res.status, await res.clone().text()).toBe(201)
      operator = await h.as('operator')
      name = h.uniqueName(`v${version.replace('.', '')}`)
      const created = await operator.post(`${base}/containers?start=true`, {
        image: h.fixtureImage,
        name,
        cmd: ['sh', '-c', `echo hello-${version}; sleep 300`],
        labels: h.labels,
      })
      expect(created.status, await created.clone().text()).toBe(201)
    })

    it('says which version it speaks and what that version can show', async () => {
      const host = (await (await operator.get(base)).json()) as Host
      expect(host).toMatchObject({
        reachable: true,
        apiVersion: version,
        pinnedApiVersion: version,
      })
      expect(host.capabilities).toMatchObject({
        stats: at(version, 17),
        volumes: at(version, 21),
        networks: at(version, 21),
        typedEvents: at(version, 22),
      })
    })

    it('lists, inspects, logs, execs and stops its container', async () => {
      const list = (await (await operator.get(`${base}/containers?all=true`)).json()) as Row[]
      expect(list.find((c) => c.name === name)).toMatchObject({ state: 'running' })
      const details = await (await operator.get(`${base}/containers/${name}`)).json()
      expect(details).toMatchObject({ name, state: { status: 'running' } })

      const logs = await operator.get(`${base}/containers/${name}/logs/download`)
      expect(await logs.text()).toBe(`hello-${version}\n`)

      const cmd = commandParam('echo', `exec-${version}`)
      const live = await openLive(operator, `${base}/containers/${name}/exec?cmd=${cmd}`)
      await live.waitFor((l) => l.output().includes(`exec-${version}`))
      await live.closed

      expect((await operator.post(`${base}/containers/${name}/stop?t=0`)).status).toBe(204)
      await expect
        .poll(async () => {
          const rows = (await (await operator.get(`${base}/containers?all=true`)).json()) as Row[]
          return rows.find((c) => c.name === name)?.state
        })
        .toBe('exited')
    })

    it('learns of a container the CLI made from the events (no Type/Action before 1.22)', async () => {
      const made = h.uniqueName('cli')
      const labels = Object.entries(h.labels).flatMap(([k, v]) => ['--label', `${k}=${v}`])
      await docker(h.dockerHost, ['create', '--name', made, ...labels, h.fixtureImage, 'true'])
      await expect
        .poll(
          async () => {
            const rows = (await (await operator.get(`${base}/containers?all=true`)).json()) as Row[]
            return rows.find((c) => c.name === made)?.state
          },
          { timeout: scaled(10_000) },
        )
        .toBe('created')
    })

    it('lists, pulls and removes images', async () => {
      const images = (await (await operator.get(`${base}/images`)).json()) as {
        repoTags: string[]
      }[]
      expect(images.some((i) => i.repoTags.includes(h.fixtureImage))).toBe(true)
      const registry = testEngine().registry
      if (registry === undefined) throw new Error('this test needs the run’s registry')
      const repo = `${registry}/${h.uniqueName('pin')}`
      await docker(h.dockerHost, ['tag', h.fixtureImage, `${repo}:1`])
      await docker(h.dockerHost, ['push', `${repo}:1`])
      await docker(h.dockerHost, ['rmi', `${repo}:1`])

      const pulled = await operator.post(`${base}/images/pull`, { image: repo, tag: '1' })
      expect(pulled.status).toBe(200)
      expect(await pulled.text()).not.toMatch(/"error"/)
      const removed = await operator.delete(`${base}/images/${encodeURIComponent(`${repo}:1`)}`)
      expect(removed.status, await removed.clone().text()).toBe(200)
    })

    it('shows volumes and networks from 1.21, and says the version has none before', async () => {
      for (const kind of ['volumes', 'networks']) {
        const res = await operator.get(`${base}/${kind}`)
        if (at(version, 21)) expect(res.status).toBe(200)
        else {
          await expectApiError(
            res,
            501,
            'engine_unsupported',
            new RegExp(`^This engine's API ${version.replace('.', '\\.')} has no ${kind}$`),
          )
        }
      }
    })

    it('streams stats from 1.17, and says the version has none before', async () => {
      const running = h.uniqueName('stats')
      await operator.post(`${base}/containers?start=true`, {
        image: h.fixtureImage,
        name: running,
        cmd: ['sleep', '300'],
        labels: h.labels,
      })
      const live = await openLive(operator, `${base}/containers/${running}/stats`)
      const said = (type: string) =>
        live.messages.some((m) => (m as { type?: string }).type === type)
      if (at(version, 17)) {
        await live.waitFor(() => said('sample'))
        live.ws.close()
      } else {
        await live.waitFor(() => said('error'))
        expect(live.messages).toContainEqual({
          type: 'error',
          error: {
            code: 'engine_unsupported',
            message: `This engine's API ${version} has no stats`,
          },
        })
      }
    })
  })
})

describe('DOCKER_API_VERSION, as the CLI reads it', () => {
  const h = startHarness({ env: { DOCKER_API_VERSION: '1.20' } })

  it('pins the local host', async () => {
    const host = (await (await (await h.as('viewer')).get('/api/hosts/local')).json()) as Host
    expect(host).toMatchObject({ reachable: true, apiVersion: '1.20', pinnedApiVersion: '1.20' })
    expect(host.capabilities?.networks).toBe(false)
  })

  it('says so in the status when the pin is above what the engine serves', async () => {
    const admin = await h.as('admin')
    const res = await admin.patch('/api/hosts/local', { apiVersion: '1.51' })
    const host = (await res.json()) as Host
    expect(host).toMatchObject({ reachable: false, pinnedApiVersion: '1.51' })
    expect(host.error).toMatch(/Cannot pin API 1\.51: the engine serves at most 1\.41/)
    const list = await admin.get('/api/hosts/local/containers')
    await expectApiError(list, 502, 'engine_version', /Cannot pin API 1\.51/)
    await admin.patch('/api/hosts/local', { apiVersion: null })
    const unpinned = (await (await admin.get('/api/hosts/local')).json()) as Host
    expect(unpinned).toMatchObject({ reachable: true, apiVersion: '1.41' })
    expect(unpinned.pinnedApiVersion).toBeUndefined()
  })
})
