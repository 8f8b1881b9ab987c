import { existsSync, readFileSync, statSync } from 'node:fs'
import { join } from 'node:path'
import type { AuditEntry, StackFiles, StackSummary, StackVersion } from '@harbormaster/contract'
import { describe, expect, it } from 'vitest'
import { makeCliProject } from '../../test/cli-project.ts'
import { expectApiError, startHarness } from '../../test/harness.ts'

const h = startHarness()
const stacks = '/api/hosts/local/stacks'
const COMPOSE = 'services:\n  app:\n    image: busybox\n'
const ENV = 'DB_PASSWORD=hunter2\nLOG_LEVEL=debug\n'

const stackDir = (name: string) => join(h.server.services.config.dataDir, 'stacks', 'local', name)
const filesOf = async (res: Response, status = 200) => {
  expect(res.status, await res.clone().text()).toBe(status)
  return (await res.json()) as StackFiles
}

async function createStack(name = h.uniqueName('stack'), env = ENV) {
  const operator = await h.as('operator')
  const created = await filesOf(await operator.post(stacks, { name, compose: COMPOSE, env }), 201)
  return { name, created }
}

describe('storing a stack', () => {
  it('creates version 1, writes its directory, and lists it as an empty managed stack', async () => {
    const { name, created } = await createStack()

    expect(created).toMatchObject({
      version: 1,
      compose: COMPOSE,
      savedBy: expect.stringMatching(/^operator-/),
    })
    expect(readFileSync(join(stackDir(name), 'compose.yaml'), 'utf8')).toBe(COMPOSE)
    expect(readFileSync(join(stackDir(name), '.env'), 'utf8')).toBe(ENV)
    expect(statSync(join(stackDir(name), '.env')).mode & 0o777).toBe(0o600)
    const listed = (await (await (await h.as('viewer')).get(stacks)).json()) as StackSummary[]
    expect(listed.find((stack) => stack.name === name)).toMatchObject({
      origin: 'managed',
      status: 'empty',
      total: 0,
      saved: { version: 1 },
    })
  })

  it('refuses a second stack of a stored name, and one named like a CLI project (adopt)', async () => {
    const { name } = await createStack()
    const operator = await h.as('operator')
    await expectApiError(await operator.post(stacks, { name, compose: COMPOSE }), 409, 'conflict')

    const project = await makeCliProject(h, [{ name: 'app' }])
    await expectApiError(
      await operator.post(stacks, { name: project.name, compose: COMPOSE }),
      409,
      'conflict',
      /adopt/,
    )
  })

  it('saves over the version it started from and refuses a stale save (409)', async () => {
    const { name } = await createStack()
    const operator = await h.as('operator')
    const admin = await h.as('admin')

    const second = await filesOf(
      await operator.request('PUT', `${stacks}/${name}`, {
        body: { compose: `${COMPOSE}# 2\n`, env: ENV, baseVersion: 1, comment: 'second' },
      }),
    )
    expect(second).toMatchObject({ version: 2, comment: 'second' })
    const stale = await admin.request('PUT', `${stacks}/${name}`, {
      body: { compose: 'lost', env: '', baseVersion: 1 },
    })
    await expectApiError(stale, 409, 'conflict', /Version 2 .* version 1/)
    expect(readFileSync(join(stackDir(name), 'compose.yaml'), 'utf8')).toBe(`${COMPOSE}# 2\n`)

    const versions = (await (
      await operator.get(`${stacks}/${name}/versions`)
    ).json()) as StackVersion[]
    expect(versions.map((v) => [v.version, v.comment])).toEqual([
      [2, 'second'],
      [1, undefined],
    ])
    const first = await filesOf(await operator.get(`${stacks}/${name}/versions/1`))
    expect(first.compose).toBe(COMPOSE)
    await expectApiError(await operator.get(`${stacks}/${name}/versions/9`), 404, 'not_found')
  })

  it('masks .env values as container env is, and a masked value saved back keeps its value', async () => {
    const { name, created } = await createStack()
    const operator = await h.as('operator')
    const admin = await h.as('admin')
    const viewer = await h.as('viewer')

    expect(created.env).toBe('DB_PASSWORD=[masked]\nLOG_LEVEL=debug\n')
    expect(created.maskedEnv).toEqual(['DB_PASSWORD'])
    const seenByViewer = await filesOf(await viewer.get(`${stacks}/${name}/files`))
    expect(seenByViewer.env).toBe('DB_PASSWORD=[masked]\nLOG_LEVEL=[masked]\n')
    expect((await filesOf(await admin.get(`${stacks}/${name}/files`))).env).toBe(ENV)

    // The operator edits what they were shown: the masked value goes back as it came.
    const edited = created.env.replace('debug', 'info')
    await filesOf(
      await operator.request('PUT', `${stacks}/${name}`, {
        body: { compose: COMPOSE, env: edited, baseVersion: 1 },
      }),
    )
    const stored = 'DB_PASSWORD=hunter2\nLOG_LEVEL=info\n'
    expect((await filesOf(await admin.get(`${stacks}/${name}/files`))).env).toBe(stored)
    expect(readFileSync(join(stackDir(name), '.env'), 'utf8')).toBe(stored)

    await expectApiError(
      await operator.request('PUT', `${stacks}/${name}`, {
        body: { compose: COMPOSE, env: 'NEW_TOKEN=[masked]\n', baseVersion: 2 },
      }),
      400,
      'invalid_request',
      /line 1: NEW_TOKEN=\[masked\]/,
    )
    await expectApiError(
      await operator.post(stacks, { name: h.uniqueName('bad'), compose: COMPOSE, env: 'A B=1' }),
      400,
      'invalid_request',
      /json\.env: line 1/,
    )
  })

  it('audits saves with the stack and version, never the .env', async () => {
    const { name } = await createStack()
    const admin = await h.as('admin')
    const res = await admin.get('/api/audit?action=stack.create')
    const entries = ((await res.json()) as { entries: AuditEntry[] }).entries
    const entry = entries.find((e) => e.target === name)

    expect(entry).toMatchObject({ status: 201, parameters: { version: 1 } })
    expect(JSON.stringify(entries)).not.toContain('hunter2')
  })

  it('refuses changes to a viewer (403), and shows a scoped operator only their stacks', async () => {
    const { name } = await createStack()
    const viewer = await h.as('viewer')
    await expectApiError(
      await viewer.post(stacks, { name: h.uniqueName('v'), compose: COMPOSE }),
      403,
      'forbidden',
    )
    await expectApiError(
      await viewer.request('PUT', `${stacks}/${name}`, { body: { compose: '', baseVersion: 1 } }),
      403,
      'forbidden',
    )
    await expectApiError(await viewer.delete(`${stacks}/${name}`), 403, 'forbidden')

    const scoped = await h.scopedOperator()
    await expectApiError(await scoped.get(`${stacks}/${name}/files`), 404, 'not_found')
    await expectApiError(await scoped.delete(`${stacks}/${name}`), 404, 'not_found')
    const own = h.uniqueName('own')
    await filesOf(await scoped.post(stacks, { name: own, compose: COMPOSE }), 201)
    const listed = (await (await scoped.get(stacks)).json()) as StackSummary[]
    expect(listed.map((stack) => stack.name)).toContain(own)
    expect(listed.map((stack) => stack.name)).not.toContain(name)
  })
})

describe('forgetting a stack', () => {
  it('removes its versions and directory', async () => {
    const { name } = await createStack()
    const operator = await h.as('operator')

    expect((await operator.delete(`${stacks}/${name}`)).status).toBe(204)

    expect(existsSync(stackDir(name))).toBe(false)
    await expectApiError(await operator.get(`${stacks}/${name}/versions`), 404, 'not_found')
    await expectApiError(await operator.get(`${stacks}/${name}`), 404, 'not_found')
  })

  it('is refused while the project still has containers (409): down first', async () => {
    const { name } = await createStack()
    const project = await makeCliProject(h, [{ name: 'app' }], h.labels, name)
    const operator = await h.as('operator')

    await expectApiError(await operator.delete(`${stacks}/${name}`), 409, 'conflict', /down first/)
    expect(existsSync(stackDir(name))).toBe(true)
    await expect
      .poll(async () => (await operator.get(`${stacks}/${project.name}`)).json())
      .toMatchObject({ origin: 'managed', status: 'running', total: 1 })
  })
})
