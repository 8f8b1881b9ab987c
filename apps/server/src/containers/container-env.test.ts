import { MASKED_ENV_VALUE as M } from '@harbormaster/contract'
import { docker } from '@harbormaster/testkit'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ApiClient } from '../../test/api-client.ts'
import { startHarness } from '../../test/harness.ts'

/** What an admin set; the engine keeps `NOVALUE` (no `=`) exactly as given. */
const ENV = ['PLAIN=hello', 'DB_PASSWORD=s3cret', 'API_TOKEN=t0k', 'X=a=b', 'EMPTY=', 'NOVALUE']
const ALL_VALUES = ['hello', 's3cret', 't0k', 'a=b']
const SECRET_VALUES = ['s3cret', 't0k']

interface Inspected {
  env: string[]
  maskedEnv: string[]
  raw: { Config: { Env: string[] } }
}
interface InspectedImage {
  config: { env: string[] }
  maskedEnv: string[]
  raw: { Config: { Env: string[] } }
}

describe('environment values by role, against a real engine', () => {
  const h = startHarness()
  const base = '/api/hosts/local/containers'
  let id: string
  let imageId: string

  const inspect = async (client: ApiClient, path = `${base}/${id}`) => {
    const res = await client.get(path)
    const text = await res.text()
    expect(res.status, text).toBe(200)
    return { text, body: JSON.parse(text) as Inspected }
  }

  beforeAll(async () => {
    const labels = Object.entries(h.labels).flatMap(([k, v]) => ['--label', `${k}=${v}`])
    // The API refuses a name without a value; the docker CLI passes it to the engine as given.
    const env = ENV.flatMap((entry) => ['-e', entry])
    const name = h.uniqueName('env')
    const { stdout } = await docker(h.dockerHost, [
      'create',
      ...labels,
      ...env,
      '--name',
      name,
      h.fixtureImage,
    ])
    id = stdout.trim()
    const config = await docker(h.dockerHost, ['inspect', '-f', '{{json .Config.Env}}', id])
    expect(JSON.parse(config.stdout)).toEqual(expect.arrayContaining(ENV))
    // An image committed from the container carries its environment (and its labels).
    imageId = (await docker(h.dockerHost, ['commit', id])).stdout.trim()
  })

  it('shows a viewer the names and no value anywhere in the answer, raw included', async () => {
    const viewer = await h.as('viewer')

    const { text, body } = await inspect(viewer)

    for (const value of ALL_VALUES) expect(text).not.toContain(value)
    const expected = [`PLAIN=${M}`, `DB_PASSWORD=${M}`, `API_TOKEN=${M}`, `X=${M}`, `EMPTY=${M}`]
    expect(body.env).toEqual(expect.arrayContaining([...expected, 'NOVALUE']))
    expect(body.raw.Config.Env).toEqual(body.env)
    expect(body.maskedEnv).toEqual(
      expect.arrayContaining(['PLAIN', 'DB_PASSWORD', 'API_TOKEN', 'X', 'EMPTY']),
    )
    expect(body.maskedEnv).not.toContain('NOVALUE')
  })

  it('shows an operator the values of keys that match no secret pattern', async () => {
    const operator = await h.as('operator')

    const { text, body } = await inspect(operator)

    for (const value of SECRET_VALUES) expect(text).not.toContain(value)
    expect(body.env).toEqual(
      expect.arrayContaining([
        'PLAIN=hello',
        `DB_PASSWORD=${M}`,
        `API_TOKEN=${M}`,
        'X=a=b',
        'EMPTY=',
        'NOVALUE',
      ]),
    )
    expect(body.raw.Config.Env).toEqual(body.env)
    expect(body.maskedEnv.sort()).toEqual(['API_TOKEN', 'DB_PASSWORD'])
  })

  it('shows an admin every value', async () => {
    const admin = await h.as('admin')

    const { body } = await inspect(admin)

    expect(body.env).toEqual(expect.arrayContaining(ENV))
    expect(body.raw.Config.Env).toEqual(body.env)
    expect(body.maskedEnv).toEqual([])
  })

  it('masks the environment of an image committed from the container the same way', async () => {
    const viewer = await h.as('viewer')
    const operator = await h.as('operator')
    const path = `/api/hosts/local/images/${imageId}`

    const seenByViewer = await inspect(viewer, path)
    const seenByOperator = await inspect(operator, path)

    for (const value of ALL_VALUES) expect(seenByViewer.text).not.toContain(value)
    for (const value of SECRET_VALUES) expect(seenByOperator.text).not.toContain(value)
    const image = seenByOperator.body as unknown as InspectedImage
    expect(image.config.env).toEqual(expect.arrayContaining(['PLAIN=hello', `DB_PASSWORD=${M}`]))
    expect(image.raw.Config.Env).toEqual(expect.arrayContaining(['X=a=b', `API_TOKEN=${M}`]))
    expect(image.maskedEnv.sort()).toEqual(['API_TOKEN', 'DB_PASSWORD'])
  })

  it("follows the host's secret patterns an admin sets, for operators and never for viewers", async () => {
    const operator = await h.as('operator')
    const viewer = await h.as('viewer')
    const admin = await h.as('admin')

    const set = await admin.patch('/api/hosts/local', { secretEnvPatterns: ['plain', 'x*'] })
    expect(set.status, await set.clone().text()).toBe(200)
    const operatorView = await inspect(operator)
    const viewerView = await inspect(viewer)
    const host = (await (await operator.get('/api/hosts/local')).json()) as {
      secretEnvPatterns: string[]
    }

    expect(host.secretEnvPatterns).toEqual(['plain', 'x*'])
    expect(operatorView.body.env).toEqual(
      expect.arrayContaining([`PLAIN=${M}`, 'DB_PASSWORD=s3cret', 'API_TOKEN=t0k', `X=${M}`]),
    )
    expect(operatorView.text).not.toContain('hello')
    for (const value of ALL_VALUES) expect(viewerView.text).not.toContain(value)
    const audit = (await (await admin.get('/api/audit?limit=20')).json()) as {
      entries: { action: string; target: string | null; parameters: unknown }[]
    }
    expect(audit.entries.find((e) => e.action === 'host.update')).toMatchObject({
      target: 'local',
      parameters: { maskedVariablePatterns: ['plain', 'x*'] },
    })
  })
})
