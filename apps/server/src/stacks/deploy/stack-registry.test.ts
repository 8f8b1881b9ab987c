import { docker, testEngine } from '@harbormaster/testkit'
import { describe, expect, it } from 'vitest'
import { stackLines, stepsIn } from '../../../test/cli-project.ts'
import { startHarness } from '../../../test/harness.ts'
import {
  QUICK_STOP,
  STACKS,
  inspect,
  labelsYaml,
  storeStack,
  up,
} from '../../../test/stack-deploy.ts'

// The run's registry (Debian's docker-registry, on loopback in the engine's network namespace):
// a real push of a new digest under the same tag, and a real pull of it with progress.
const h = startHarness()
const registry = testEngine().registry!
const cli = (args: string[]) => docker(h.dockerHost, args)
const label = Object.entries(h.labels).map(([key, value]) => `${key}=${value}`)[0] ?? ''

describe('pull and redeploy from a registry', () => {
  it('pulls a new digest of a tag with progress and recreates only the service using it', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('pull')
    const repo = `${registry}/${name}`
    const [app, other] = [`${repo}/app:1`, `${repo}/other:1`]
    const newer = `${name}-newer`
    try {
      for (const image of [app, other]) {
        await cli(['tag', h.fixtureImage, image])
        await cli(['push', image])
      }
      const service = (svc: string, image: string) => `
  ${svc}:
    image: ${image}
    command: ${QUICK_STOP}
    labels: ${labelsYaml(h)}`
      await storeStack(
        operator,
        name,
        `services:${service('app', app)}${service('other', other)}\nnetworks:\n  default:\n    labels: ${labelsYaml(h)}\n`,
      )
      await up(operator, name)
      const before = {
        app: await inspect(h, `${name}-app-1`, '{{.Id}}'),
        other: await inspect(h, `${name}-other-1`, '{{.Id}}'),
      }
      // A new digest of app:1 in the registry, with a layer the engine then no longer has: the
      // tag goes back to the old image here, as on a host that has not pulled since.
      await cli([
        'run',
        '--name',
        newer,
        '--label',
        label,
        h.fixtureImage,
        'sh',
        '-c',
        // A layer of this test's own, big enough to be downloaded in steps: the update tests
        // commit `echo 2` onto the same base (a layer made in the same second as theirs would be
        // theirs, already on the engine), and a blob of a few bytes was reported without any
        // "Downloading" step once.
        'echo 2 > /version; head -c 2000000 /dev/urandom > /stamp',
      ])
      const pushed = (await cli(['commit', newer, app])).stdout.trim()
      await cli(['push', app])
      await cli(['rm', newer])
      await cli(['tag', h.fixtureImage, app])
      await cli(['rmi', pushed])

      const lines = await up(operator, name, { pull: 'always' })

      expect(lines.at(-1), JSON.stringify(lines)).toMatchObject({ type: 'done' })
      expect(stepsIn(lines, 'done')).toEqual([
        `pull ${app}`,
        `pull ${other}`,
        `recreate ${name}-app-1`,
        `start ${name}-app-1`,
      ])
      const progress = lines.filter((l) => l.name === app && l.state === 'progress')
      expect(progress.map((l) => l.message)).toEqual(
        expect.arrayContaining([
          expect.stringMatching(/Downloading/),
          expect.stringMatching(/Pull complete/),
        ]),
      )
      expect(progress.some((l) => (l.total ?? 0) > 0)).toBe(true)
      expect(await inspect(h, `${name}-app-1`, '{{.Id}}')).not.toBe(before.app)
      expect(await inspect(h, `${name}-other-1`, '{{.Id}}')).toBe(before.other)
      const version = await cli(['exec', `${name}-app-1`, 'cat', '/version'])
      expect(version.stdout.trim()).toBe('2')
    } finally {
      await stackLines(await operator.post(`${STACKS}/${name}/down`, {}))
      await cli(['rm', '-f', newer]).catch(() => undefined)
      await cli(['rmi', '-f', app, other]).catch(() => undefined)
    }
  })
})
