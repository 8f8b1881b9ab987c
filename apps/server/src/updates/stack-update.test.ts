import type { ImageUpdateReport, StackDetails, StackSummary } from '@harbormaster/contract'
import { describe, expect, it } from 'vitest'
import { stackLines, stepsIn } from '../../test/cli-project.ts'
import { expectApiError } from '../../test/harness.ts'
import { QUICK_STOP, STACKS, inspect, labelsYaml, storeStack, up } from '../../test/stack-deploy.ts'
import { startUpdateHarness } from '../../test/update-registry.ts'

const { h, address, cli, pushVersion, setCredentials } = startUpdateHarness()

describe('Update of a stack', () => {
  it('pulls only the image with an update and recreates only the service using it', async () => {
    await setCredentials()
    const operator = await h.as('operator')
    const viewer = await h.as('viewer')
    const name = h.uniqueName('stackupd')
    const [app, other] = [`${address}/${name}/app:1`, `${address}/${name}/other:1`]
    await pushVersion(app, 'app-1')
    await pushVersion(other, 'other-1')
    const service = (svc: string, image: string) => `
  ${svc}:
    image: ${image}
    command: ${QUICK_STOP}
    labels: ${labelsYaml(h)}`
    const compose = `services:${service('app', app)}${service('other', other)}
networks:
  default:
    labels: ${labelsYaml(h)}
`
    try {
      await storeStack(operator, name, compose)
      expect((await up(operator, name)).at(-1)).toMatchObject({ type: 'done' })
      const before = {
        app: await inspect(h, `${name}-app-1`, '{{.Id}}'),
        appImage: await inspect(h, `${name}-app-1`, '{{.Image}}'),
        other: await inspect(h, `${name}-other-1`, '{{.Id}}'),
      }
      // Nothing found yet: nothing to update.
      await expectApiError(await operator.post(`${STACKS}/${name}/update`), 409, 'conflict')
      // A new digest of app:1 in the registry; the host's tag goes back to the image it runs.
      const newDigest = await pushVersion(app, 'app-2')
      await cli(['tag', before.appImage, app])
      const report = (await (
        await operator.post('/api/hosts/local/updates/check')
      ).json()) as ImageUpdateReport
      expect(report.images.find((entry) => entry.image === app)).toMatchObject({
        status: 'update-available',
        newDigest,
      })

      // The badge: in the list and on the stack's page, naming the service.
      const list = (await (await viewer.get(STACKS)).json()) as StackSummary[]
      expect(list.find((stack) => stack.name === name)?.updates).toEqual(['app'])
      const details = (await (await viewer.get(`${STACKS}/${name}`)).json()) as StackDetails
      expect(details.updates).toEqual(['app'])

      // Viewers may look, not update.
      await expectApiError(await viewer.post(`${STACKS}/${name}/update`), 403, 'forbidden')

      const lines = await stackLines(await operator.post(`${STACKS}/${name}/update`))
      expect(lines.at(-1), JSON.stringify(lines)).toMatchObject({ type: 'done' })
      expect(stepsIn(lines, 'done')).toEqual([
        `pull ${app}`,
        `recreate ${name}-app-1`,
        `start ${name}-app-1`,
      ])
      expect(await inspect(h, `${name}-app-1`, '{{.Id}}')).not.toBe(before.app)
      expect(await inspect(h, `${name}-other-1`, '{{.Id}}')).toBe(before.other)
      const version = await cli(['exec', `${name}-app-1`, 'cat', '/version'])
      expect(version.stdout.trim()).toBe('app-2')

      // The containers the check found behind are gone: no badge, nothing more to update.
      const after = (await (await viewer.get(STACKS)).json()) as StackSummary[]
      expect(after.find((stack) => stack.name === name)?.updates).toBeUndefined()
      await expectApiError(await operator.post(`${STACKS}/${name}/update`), 409, 'conflict')
    } finally {
      await stackLines(await operator.post(`${STACKS}/${name}/down`, {}))
      await cli(['rmi', '-f', app, other]).catch(() => undefined)
    }
  })
})
