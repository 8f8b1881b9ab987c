import type { ImageUpdateFinding, ImageUpdateReport } from '@harbormaster/contract'
import { describe, expect, it } from 'vitest'
import { expectApiError } from '../../test/harness.ts'
import { startUpdateHarness } from '../../test/update-registry.ts'

const { h, address, login, cli, labelArgs, pushVersion, untilServerKnows } = startUpdateHarness()

function entryFor(report: ImageUpdateReport, image: string) {
  return report.images.find((entry) => entry.image === image)
}

describe('image update checks against a real registry', () => {
  it('finds a new digest pushed under the tag a container was created from, with credentials only an admin sets', async () => {
    const admin = await h.as('admin')
    const operator = await h.as('operator')
    const viewer = await h.as('viewer')
    const reference = `${address}/${h.uniqueName('app')}:1`
    const first = await pushVersion(reference, '1')
    const container = (await cli(['create', ...labelArgs(), reference, 'true'])).stdout.trim()
    const second = await pushVersion(reference, '2')
    expect(second).not.toBe(first)
    await untilServerKnows([container])
    const findings: ImageUpdateFinding[] = []
    const unsubscribe = h.server.services.updates.subscribe((finding) => findings.push(finding))
    try {
      // Without credentials the registry refuses: said in words, not a 5xx.
      const refused = await operator.post(`/api/hosts/local/updates/check`)
      expect(refused.status).toBe(200)
      const unauthorised = entryFor((await refused.json()) as ImageUpdateReport, reference)
      expect(unauthorised).toMatchObject({
        status: 'error',
        reason: expect.stringMatching(/credentials/),
      })

      // Credentials are an admin's to set, and never come back.
      const body = login
      await expectApiError(
        await operator.request('PUT', `/api/hosts/local/updates/credentials/${address}`, { body }),
        403,
        'forbidden',
      )
      const saved = await admin.request('PUT', `/api/hosts/local/updates/credentials/${address}`, {
        body,
      })
      expect(saved.status).toBe(200)
      const listed = await (await admin.get('/api/hosts/local/updates/credentials')).text()
      expect(listed).toContain('"hasPassword":true')
      expect(listed).not.toContain(login.password)

      const checked = await operator.post(`/api/hosts/local/updates/check`)
      expect(checked.status).toBe(200)
      const found = entryFor((await checked.json()) as ImageUpdateReport, reference)
      expect(found).toMatchObject({
        status: 'update-available',
        currentDigest: first,
        newDigest: second,
        containerIds: [container],
        foundAt: expect.any(String),
        newCreatedAt: expect.any(String),
      })
      // The new digest's age, from its config (this registry is not Docker Hub): made just now.
      const age = Date.now() - Date.parse(found?.newCreatedAt ?? '')
      expect(age).toBeGreaterThanOrEqual(-60_000)
      expect(age).toBeLessThan(10 * 60_000)
      // The cached answer, for anyone who sees the containers.
      const cached = (await (
        await viewer.get('/api/hosts/local/updates')
      ).json()) as ImageUpdateReport
      expect(entryFor(cached, reference)).toMatchObject({
        status: 'update-available',
        newDigest: second,
      })
      expect(cached.checkedAt).not.toBeNull()
      // The feed says it once per new digest: a second check of the same digest is no news.
      expect(findings.filter((finding) => finding.image === reference)).toEqual([
        expect.objectContaining({
          hostId: 'local',
          currentDigest: first,
          newDigest: second,
          containerIds: [container],
        }),
      ])
      await operator.post(`/api/hosts/local/updates/check`)
      expect(findings.filter((finding) => finding.image === reference)).toHaveLength(1)

      // Viewers may look, not make the server ask the registries.
      await expectApiError(await viewer.post('/api/hosts/local/updates/check'), 403, 'forbidden')
    } finally {
      unsubscribe()
    }
  })

  it('says up-to-date for the tag as pulled, and unknown for an image built locally', async () => {
    const operator = await h.as('operator')
    const admin = await h.as('admin')
    await admin.request('PUT', `/api/hosts/local/updates/credentials/${address}`, { body: login })
    const current = `${address}/${h.uniqueName('current')}:1`
    const digest = await pushVersion(current, 'current')
    const created = [(await cli(['create', ...labelArgs(), current, 'true'])).stdout.trim()]
    const local = `local/${h.uniqueName('built')}:1`
    const builder = h.uniqueName('builder')
    await cli(['run', '--name', builder, ...labelArgs(), h.fixtureImage, 'true'])
    await cli(['commit', builder, local])
    await cli(['rm', builder])
    created.push((await cli(['create', ...labelArgs(), local, 'true'])).stdout.trim())
    await untilServerKnows(created)
    try {
      const checked = await operator.post('/api/hosts/local/updates/check')
      expect(checked.status, await checked.clone().text()).toBe(200)
      const report = (await checked.json()) as ImageUpdateReport
      expect(entryFor(report, current)).toMatchObject({
        status: 'up-to-date',
        currentDigest: digest,
        newDigest: digest,
      })
      expect(entryFor(report, local)).toMatchObject({
        status: 'unknown',
        reason: 'built locally or never pulled from its registry',
      })
    } finally {
      await cli([
        'rm',
        '-f',
        ...(await cli(['ps', '-aq', '--filter', `ancestor=${local}`])).stdout
          .split('\n')
          .filter(Boolean),
      ])
      await cli(['rmi', local])
    }
  })

  it('finds the update of a container the engine lists by its image id, its tag pulled since', async () => {
    const operator = await h.as('operator')
    const admin = await h.as('admin')
    await admin.request('PUT', `/api/hosts/local/updates/credentials/${address}`, { body: login })
    const reference = `${address}/${h.uniqueName('moved')}:1`
    const first = await pushVersion(reference, '1')
    const container = (await cli(['create', ...labelArgs(), reference, 'true'])).stdout.trim()
    // The tag names the new image on this engine now, as after a pull; a rename makes the
    // server's model read the container again, and the engine lists it by its image id.
    const second = await pushVersion(reference, '2')
    await cli(['rename', container, h.uniqueName('renamed')])
    const host = h.server.services.hosts.get('local')
    await expect
      .poll(async () => {
        const listed = await host?.containers.list({ all: true })
        return listed?.find((c) => c.id === container)?.image
      })
      .toMatch(/^sha256:/)

    const checked = await operator.post('/api/hosts/local/updates/check')
    expect(checked.status, await checked.clone().text()).toBe(200)
    expect(entryFor((await checked.json()) as ImageUpdateReport, reference)).toMatchObject({
      status: 'update-available',
      currentDigest: first,
      newDigest: second,
      containerIds: [container],
    })
  })
})
