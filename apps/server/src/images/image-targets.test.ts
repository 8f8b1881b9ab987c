import { docker } from '@harbormaster/testkit'
import { describe, expect, it } from 'vitest'
import { expectApiError, startHarness } from '../../test/harness.ts'

/**
 * A scoped user may not move a name that another scope's image (or an unlabelled one) carries
 * onto an image of theirs: whoever ran that name next would run their image.
 */
describe('image names a scoped user writes', () => {
  const h = startHarness()
  const images = '/api/hosts/local/images'
  const imageId = async (ref: string) =>
    (await docker(h.dockerHost, ['image', 'inspect', '-f', '{{.Id}}', ref])).stdout.trim()

  it('refuses to tag, build or import onto a name outside the scope, and allows fresh names', async () => {
    const scoped = await h.scopedOperator()
    const other = h.uniqueName('other')
    await docker(h.dockerHost, ['tag', h.fixtureImage, `${other}:1`])
    const theirs = await imageId(`${other}:1`)
    try {
      const mine = `${h.uniqueName('mine')}:1`
      const built = await scoped.post(`${images}/build`, {
        dockerfile: `FROM ${h.fixtureImage}\nLABEL built=yes\n`,
        tags: [mine],
      })
      expect(built.status).toBe(200)
      await built.text()

      await expectApiError(
        await scoped.post(`${images}/${encodeURIComponent(mine)}/tag`, { repo: other, tag: '1' }),
        404,
        'not_found',
        /No such image/,
      )
      const rebuilt = await scoped.post(`${images}/build`, {
        dockerfile: `FROM ${h.fixtureImage}\n`,
        tags: [`${other}:1`],
      })
      await expectApiError(rebuilt, 404, 'not_found', /No such image/)
      const imported = await scoped.request('POST', `${images}/import?repo=${other}&tag=1`, {
        raw: 'not a tar',
        headers: { 'Content-Type': 'application/x-tar' },
      })
      await expectApiError(imported, 404, 'not_found', /No such image/)
      expect(await imageId(`${other}:1`)).toBe(theirs)

      // Their own names stay theirs to move: a fresh tag, and a rebuild of what they built.
      const fresh = await scoped.post(`${images}/${encodeURIComponent(mine)}/tag`, {
        repo: h.uniqueName('fresh'),
      })
      expect(fresh.status).toBe(204)
      const again = await scoped.post(`${images}/build`, {
        dockerfile: `FROM ${h.fixtureImage}\nLABEL again=yes\n`,
        tags: [mine],
      })
      expect(again.status).toBe(200)
      expect(await again.text()).not.toMatch(/"error"/)
    } finally {
      await docker(h.dockerHost, ['image', 'rm', `${other}:1`])
    }
  })
})
