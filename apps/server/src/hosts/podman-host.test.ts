import type { LogsServerMessage, StatsServerMessage } from '@harbormaster/contract'
import { docker, podman, testPodman } from '@harbormaster/testkit'
import { describe, expect, it } from 'vitest'
import type { ApiClient } from '../../test/api-client.ts'
import { startHarness } from '../../test/harness.ts'
import { type LiveClient, commandParam, openLive } from '../../test/live-client.ts'

interface Row {
  id: string
  name: string
  state: string
  health?: string
  networks: string[]
}

interface Details {
  id: string
  state: { status: string; running: boolean }
}

const base = '/api/hosts/local'
const containers = `${base}/containers`

const lines = (live: LiveClient) =>
  (live.messages as LogsServerMessage[]).flatMap((m) => (m.type === 'lines' ? m.lines : []))
const cpuSamples = (live: LiveClient) =>
  (live.messages as StatsServerMessage[]).flatMap((m) =>
    m.type === 'sample' ? [m.sample.cpuPercent] : [],
  )

// The server's main journeys with a Podman 4.3 API service as the host's engine
// (docs/engine.md#podman): what Harbormaster shows must be what Podman holds.
describe('a Podman host, end to end', () => {
  const pod = testPodman()
  const h = startHarness({ dockerHost: () => pod.dockerHost })

  const list = async (client: ApiClient): Promise<Row[]> =>
    (await (await client.get(`${containers}?all=true`)).json()) as Row[]
  const rowOf = async (client: ApiClient, id: string) =>
    (await list(client)).find((row) => row.id === id)

  async function run(cmd: string[], extra: Record<string, unknown> = {}) {
    const operator = await h.as('operator')
    const name = h.uniqueName('pod')
    const res = await operator.post(`${containers}?start=true`, {
      image: pod.fixtureImage,
      name,
      cmd,
      labels: h.labels,
      ...extra,
    })
    expect(res.status, await res.clone().text()).toBe(201)
    return { name, id: ((await res.json()) as { id: string }).id }
  }

  it('runs, stops, starts, pauses and inspects a container, the list following each step', async () => {
    const operator = await h.as('operator')
    const { id, name } = await run(['sleep', '300'])
    await expect.poll(async () => (await rowOf(operator, id))?.state).toBe('running')

    for (const [action, state] of [
      ['stop', 'exited'],
      ['start', 'running'],
      ['pause', 'paused'],
      ['unpause', 'running'],
    ] as const) {
      const res = await operator.post(`${containers}/${name}/${action}`, {})
      expect(res.status, `${action}: ${await res.clone().text()}`).toBe(204)
      await expect
        .poll(async () => (await rowOf(operator, id))?.state, { message: action })
        .toBe(state)
      const details = (await (await operator.get(`${containers}/${name}`)).json()) as Details
      expect(details.state.status, action).toBe(state)
    }
    const details = (await (await operator.get(`${containers}/${name}`)).json()) as Details
    expect(details).toMatchObject({ id, state: { status: 'running', running: true } })
  })

  it('shows health in the list, as the checks Podman ran found it', async () => {
    const viewer = await h.as('viewer')
    const check = (cmd: string) => ({ test: ['CMD-SHELL', cmd], intervalNs: 3600e9, retries: 1 })
    const healthy = await run(['sleep', '300'], { healthcheck: check('true') })
    const unhealthy = await run(['sleep', '300'], { healthcheck: check('false') })
    // No timer runs Podman's checks here: run each once.
    await podman(pod, ['healthcheck', 'run', healthy.name])
    await podman(pod, ['healthcheck', 'run', unhealthy.name]).catch(() => undefined)

    await expect.poll(async () => (await rowOf(viewer, healthy.id))?.health).toBe('healthy')
    await expect.poll(async () => (await rowOf(viewer, unhealthy.id))?.health).toBe('unhealthy')
  })

  it('streams logs, runs `echo` in the container and lists its processes in columns', async () => {
    const operator = await h.as('operator')
    const { name } = await run(['sh', '-c', 'echo hello-podman; sleep 300'])

    const logs = await openLive(operator, `${containers}/${name}/logs?follow=false&tail=all`)
    await logs.closed
    expect(lines(logs)).toContainEqual({ stream: 'stdout', text: 'hello-podman' })

    const exec = await openLive(
      operator,
      `${containers}/${name}/exec?cmd=${commandParam('echo', 'from-exec')}`,
    )
    await exec.waitFor((l) => l.output().includes('from-exec'))

    const top = (await (await operator.get(`${containers}/${name}/top`)).json()) as {
      titles: string[]
      processes: string[][]
    }
    expect(top.titles).toEqual(['PID', 'USER', 'COMMAND'])
    // sh runs its last command in its own place: PID 1 is the sleep.
    expect(top.processes).toContainEqual(['1', 'root', 'sleep 300'])
  })

  it('streams CPU % computed between samples, never the engine’s 0 % first one', async () => {
    const viewer = await h.as('viewer')
    const { id } = await run(['sh', '-c', 'while :; do :; done'])

    const live = await openLive(viewer, `${containers}/${id}/stats`)
    // Podman sends a sample every 5 s: two shown samples take about 10 s.
    await live.waitFor((l) => cpuSamples(l).length >= 2, 30_000)
    live.ws.close()
    // A busy loop used CPU in every interval; the 0 % would be Podman's own first precpu.
    for (const percent of cpuSamples(live)) expect(percent).toBeGreaterThan(1)
  })

  it('attaches to a main process that keeps stdin open', async () => {
    const { name } = await run(['cat'], { openStdin: true })
    const live = await openLive(await h.as('operator'), `${containers}/${name}/attach`)

    live.ws.send(Buffer.from('through-attach\n'))

    await live.waitFor((l) => l.output().includes('through-attach\n'))
    live.ws.close()
  })

  it('lists, uploads and downloads files in the container', async () => {
    const operator = await h.as('operator')
    const { name } = await run(['sleep', '300'])

    const listing = (await (
      await operator.get(`${containers}/${name}/files?path=/bin`)
    ).json()) as {
      entries: { name: string; kind: string }[]
    }
    expect(listing.entries.find((e) => e.name === 'busybox')).toMatchObject({ kind: 'file' })
    expect(listing.entries.find((e) => e.name === 'sh')).toMatchObject({ kind: 'symlink' })

    const path = `${containers}/${name}/files?path=/tmp&name=hello.txt`
    const put = await operator.request('PUT', path, { raw: 'hello from podman\n' })
    expect(put.status, await put.clone().text()).toBe(204)
    const { stdout } = await podman(pod, ['exec', name, 'cat', '/tmp/hello.txt'])
    expect(stdout).toBe('hello from podman\n')
    const download = await operator.get(`${containers}/${name}/files/download?path=/tmp/hello.txt`)
    expect(download.status).toBe(200)
    expect(Buffer.from(await download.arrayBuffer()).includes('hello from podman\n')).toBe(true)
  })

  it('hears of a container made behind its back (events reach the model)', async () => {
    const viewer = await h.as('viewer')
    await list(viewer)
    const name = h.uniqueName('cli')
    const label = `${Object.keys(h.labels)[0]}=${h.runId}`
    await docker(pod.dockerHost, [
      'run',
      '-d',
      '--name',
      name,
      '--label',
      label,
      pod.fixtureImage,
      'sleep',
      '300',
    ])

    await expect
      .poll(async () => (await list(viewer)).find((row) => row.name === name)?.state)
      .toBe('running')
  })
})

describe('a Podman host: images, volumes and networks', () => {
  const pod = testPodman()
  const h = startHarness({ dockerHost: () => pod.dockerHost })

  it('lists images, tags the fixture and removes the tag', async () => {
    const operator = await h.as('operator')
    const images = async () =>
      (await (await operator.get(`${base}/images`)).json()) as { repoTags: string[] }[]
    expect((await images()).some((image) => image.repoTags.includes(pod.fixtureImage))).toBe(true)

    const repo = `localhost/${h.uniqueName('tagged')}`
    const tagged = await operator.post(
      `${base}/images/${encodeURIComponent(pod.fixtureImage)}/tag`,
      { repo, tag: '1' },
    )
    expect(tagged.status, await tagged.clone().text()).toBe(204)
    expect((await images()).some((image) => image.repoTags.includes(`${repo}:1`))).toBe(true)

    const removed = await operator.delete(`${base}/images/${encodeURIComponent(`${repo}:1`)}`)
    expect(removed.status, await removed.clone().text()).toBe(200)
    expect((await images()).some((image) => image.repoTags.includes(`${repo}:1`))).toBe(false)
  })

  it('pulls from a registry with progress, then removes what it pulled', async () => {
    const operator = await h.as('operator')
    const repo = `${pod.registry}/${h.uniqueName('pulled')}`
    await podman(pod, ['push', '-q', pod.fixtureImage, `${repo}:1`])

    const res = await operator.post(`${base}/images/pull`, { image: repo, tag: '1' })
    expect(res.status, await res.clone().text()).toBe(200)
    const progress = (await res.text())
      .split('\n')
      .filter(Boolean)
      .map((line) => JSON.parse(line) as { status?: string; error?: unknown })
    expect(progress.length).toBeGreaterThan(0)
    expect(progress.filter((line) => line.error !== undefined)).toEqual([])
    const listed = async () =>
      ((await (await operator.get(`${base}/images`)).json()) as { repoTags: string[] }[]).some(
        (image) => image.repoTags.includes(`${repo}:1`),
      )
    expect(await listed()).toBe(true)

    const removed = await operator.delete(`${base}/images/${encodeURIComponent(`${repo}:1`)}`)
    expect(removed.status, await removed.clone().text()).toBe(200)
    expect(await listed()).toBe(false)
  })

  it('creates, lists and removes a volume', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('vol')
    const created = await operator.post(`${base}/volumes`, { name, labels: h.labels })
    expect(created.status, await created.clone().text()).toBe(201)
    const names = async () =>
      ((await (await operator.get(`${base}/volumes`)).json()) as { name: string }[]).map(
        (v) => v.name,
      )
    expect(await names()).toContain(name)
    expect((await operator.delete(`${base}/volumes/${name}`)).status).toBe(204)
    expect(await names()).not.toContain(name)
  })

  it('lists the default network by the name containers use, with their count', async () => {
    const operator = await h.as('operator')
    const networks = async () =>
      (await (await operator.get(`${base}/networks`)).json()) as {
        name: string
        containerCount: number
        predefined: boolean
      }[]
    const ctr = await operator.post(`${containers}?start=true`, {
      image: pod.fixtureImage,
      name: h.uniqueName('net'),
      cmd: ['sleep', '300'],
      labels: h.labels,
    })
    expect(ctr.status).toBe(201)
    const before = await networks()
    const defaultNetwork = before.find((network) => network.name === 'podman')
    expect(defaultNetwork).toMatchObject({ predefined: true })
    expect(defaultNetwork?.containerCount).toBeGreaterThanOrEqual(1)
    expect(before.map((network) => network.name)).not.toContain('bridge')
  })

  it('sees networks made and removed behind its back, which Podman sends no event for', async () => {
    const operator = await h.as('operator')
    const networks = async () =>
      ((await (await operator.get(`${base}/networks`)).json()) as { name: string }[]).map(
        (network) => network.name,
      )
    await networks()
    // Podman sends no event for a network made with its CLI: the list must not wait for one.
    const cliMade = h.uniqueName('clinet')
    await podman(pod, [
      'network',
      'create',
      '--label',
      `${Object.keys(h.labels)[0]}=${h.runId}`,
      cliMade,
    ])
    expect(await networks()).toContain(cliMade)

    const made = h.uniqueName('apinet')
    const created = await operator.post(`${base}/networks`, { name: made, labels: h.labels })
    expect(created.status, await created.clone().text()).toBe(201)
    expect(await networks()).toContain(made)
    expect((await operator.delete(`${base}/networks/${made}`)).status).toBe(204)
    await podman(pod, ['network', 'rm', cliMade])
    const after = await networks()
    expect(after).not.toContain(made)
    expect(after).not.toContain(cliMade)
  })
})
