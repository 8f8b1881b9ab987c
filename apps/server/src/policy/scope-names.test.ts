import type { ContainerCreateInput } from '@harbormaster/contract'
import { docker } from '@harbormaster/testkit'
import { describe, expect, it } from 'vitest'
import { expectApiError, startHarness } from '../../test/harness.ts'

/**
 * Objects named inside a body pass the same label-scope check as a lookup (security review,
 * item 4): a volume or network of another team is a 404 and nothing is created.
 */
describe('a scoped user naming another team’s objects in a create body', () => {
  const h = startHarness()
  const base = '/api/hosts/local/containers'

  async function arrange() {
    const scoped = await h.operatorScopedTo('team=a')
    const labelArgs = (team: string) =>
      [...Object.entries({ ...h.labels, team })].flatMap(([k, v]) => ['--label', `${k}=${v}`])
    const objects = async (team: string) => {
      const volume = h.uniqueName(`vol-${team}`)
      const network = h.uniqueName(`net-${team}`)
      await docker(h.dockerHost, ['volume', 'create', ...labelArgs(team), volume])
      const id = (
        await docker(h.dockerHost, ['network', 'create', ...labelArgs(team), network])
      ).stdout.trim()
      return { volume, network, networkId: id }
    }
    return { scoped, mine: await objects('a'), theirs: await objects('b') }
  }

  const forms = (o: { volume: string; network: string; networkId: string }) =>
    [
      ['binds', { binds: [`${o.volume}:/v`] }],
      ['binds read-only', { binds: [`${o.volume}:/v:ro`] }],
      ['mounts', { mounts: [{ type: 'volume', source: o.volume, target: '/v' }] }],
      ['networkMode by name', { networkMode: o.network }],
      ['networkMode by id', { networkMode: o.networkId }],
      ['networkMode by id prefix', { networkMode: o.networkId.slice(0, 12) }],
    ] as const satisfies readonly (readonly [string, Partial<ContainerCreateInput>])[]

  const exists = async (name: string) =>
    (await docker(h.dockerHost, ['ps', '-aq', '--filter', `name=^/${name}$`])).stdout.trim() !== ''

  it('refuses every form naming team b’s volume or network with a 404, and creates nothing', async () => {
    const { scoped, theirs } = await arrange()
    for (const [form, spec] of forms(theirs)) {
      const name = h.uniqueName('cross')
      const res = await scoped.post(`${base}?start=true`, {
        image: h.fixtureImage,
        name,
        labels: h.labels,
        ...spec,
      })
      await expectApiError(res, 404, 'not_found', /No such (volume|network)/)
      expect(await exists(name), form).toBe(false)
    }
    // Creating a volume by team b's name would answer with team b's volume.
    const volume = await scoped.post('/api/hosts/local/volumes', { name: theirs.volume })
    await expectApiError(volume, 404, 'not_found', /No such volume/)
    const { stdout } = await docker(h.dockerHost, [
      'volume',
      'inspect',
      '-f',
      '{{index .Labels "team"}}',
      theirs.volume,
    ])
    expect(stdout.trim()).toBe('b')
  })

  it('accepts the same forms with team a’s objects, and joins the network checked', async () => {
    const { scoped, mine } = await arrange()
    for (const [form, spec] of forms(mine)) {
      const res = await scoped.post(base, { image: h.fixtureImage, labels: h.labels, ...spec })
      expect(res.status, `${form}: ${await res.clone().text()}`).toBe(201)
      const { id } = (await res.json()) as { id: string }
      const { stdout } = await docker(h.dockerHost, [
        'inspect',
        '-f',
        '{{.HostConfig.NetworkMode}}',
        id,
      ])
      if (form.startsWith('networkMode')) expect(stdout.trim(), form).toBe(mine.networkId)
    }
  })

  it('creates a named volume that does not exist yet inside the caller’s scope', async () => {
    const { scoped } = await arrange()
    const volume = h.uniqueName('fresh')
    try {
      const res = await scoped.post(base, {
        image: h.fixtureImage,
        labels: h.labels,
        mounts: [{ type: 'volume', source: volume, target: '/v' }],
      })
      expect(res.status, await res.clone().text()).toBe(201)
      const { stdout } = await docker(h.dockerHost, [
        'volume',
        'inspect',
        '-f',
        '{{index .Labels "team"}}',
        volume,
      ])
      expect(stdout.trim()).toBe('a')
      expect((await scoped.get(`/api/hosts/local/volumes/${volume}`)).status).toBe(200)
    } finally {
      // Labelled with the scope only, so the run's cleanup would not find it.
      const users = await usersOf(volume)
      if (users.length > 0) await docker(h.dockerHost, ['rm', '-f', ...users])
      await docker(h.dockerHost, ['volume', 'rm', '-f', volume])
    }
  })

  async function usersOf(volume: string): Promise<string[]> {
    const { stdout } = await docker(h.dockerHost, ['ps', '-aq', '--filter', `volume=${volume}`])
    return stdout.split('\n').filter(Boolean)
  }
})
