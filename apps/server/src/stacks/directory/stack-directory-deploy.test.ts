import { docker } from '@harbormaster/testkit'
import { describe, expect, it } from 'vitest'
import { stackLines } from '../../../test/cli-project.ts'
import { expectApiError, startHarness } from '../../../test/harness.ts'
import { put, tarOf } from '../../../test/stack-directory-calls.ts'
import { QUICK_STOP, STACKS, labelsYaml, storeStack, up } from '../../../test/stack-deploy.ts'

const h = startHarness()

describe('a stack deployed from files uploaded into its directory (real engine)', () => {
  it('passes an uploaded env_file and file secret into the container', async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('dirfiles')
    const compose = `
services:
  app:
    image: ${h.fixtureImage}
    command: ${QUICK_STOP}
    env_file: app.env
    secrets: [db_password]
    labels: ${labelsYaml(h)}
secrets:
  db_password:
    file: ./secrets/db.txt
networks:
  default:
    labels: ${labelsYaml(h)}
`
    await storeStack(operator, name, compose)
    // Nothing deploys before the files are there: a 400 naming the missing env file.
    await expectApiError(
      await operator.post(`${STACKS}/${name}/up`, {}),
      400,
      'invalid_request',
      /app\.env/,
    )

    const env = await put(operator, name, 'file?path=app.env', 'GREETING=hello from a file\n')
    expect(env.status, await env.clone().text()).toBe(200)
    const archive = await tarOf([{ name: 'secrets/db.txt', content: 'hunter2' }])
    const secret = await put(operator, name, 'archive', archive)
    expect(secret.status, await secret.clone().text()).toBe(200)

    const lines = await up(operator, name)
    expect(lines.at(-1), JSON.stringify(lines)).toMatchObject({ type: 'done' })
    const exec = async (command: string) =>
      (await docker(h.dockerHost, ['exec', `${name}-app-1`, 'sh', '-c', command])).stdout.trim()
    expect(await exec('echo "$GREETING"')).toBe('hello from a file')
    expect(await exec('cat /run/secrets/db_password')).toBe('hunter2')

    await stackLines(await operator.post(`${STACKS}/${name}/down`, {}))
  })
})
