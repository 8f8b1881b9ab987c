import { docker, pruneWhenFree, responseSaysPruneRunning } from '@harbormaster/testkit'
import { pack } from 'tar-stream'
import { beforeAll, describe, expect, it } from 'vitest'
import type { ApiClient } from '../../test/api-client.ts'
import { expectApiError, signIn, startHarness } from '../../test/harness.ts'

const h = startHarness()
const images = '/api/hosts/local/images'
const ref = (reference: string) => `${images}/${encodeURIComponent(reference)}`

async function tarOf(files: Record<string, string>): Promise<Buffer> {
  const tar = pack()
  for (const [name, content] of Object.entries(files)) tar.entry({ name }, content)
  tar.finalize()
  return Buffer.concat(await Array.fromAsync(tar as AsyncIterable<Buffer>))
}

/** Imports a one-file image carrying the run's labels; without a reference it is dangling. */
async function importLabelled(reference?: string): Promise<string> {
  const label = Object.entries(h.labels).map(([k, v]) => `LABEL ${k}=${v}`)[0] ?? ''
  const args = ['import', '-c', label, '-', ...(reference ? [reference] : [])]
  const { stdout } = await docker(h.dockerHost, args, {
    input: await tarOf({ [h.uniqueName('f')]: 'x' }),
  })
  return stdout.trim()
}

async function imageExists(reference: string): Promise<boolean> {
  return docker(h.dockerHost, ['image', 'inspect', reference]).then(
    () => true,
    () => false,
  )
}

let scoped: Promise<ApiClient> | undefined
/** An operator whose grant on `local` is narrowed to this file's run label. */
function scopedOperator(): Promise<ApiClient> {
  scoped ??= createScopedOperator()
  return scoped
}

async function createScopedOperator(): Promise<ApiClient> {
  const admin = await h.as('admin')
  const [key, value] = Object.entries(h.labels)[0] ?? []
  const user = { username: `scoped-${h.runId.slice(-6)}`, password: 'scoped-password-1' }
  const res = await admin.post('/api/users', {
    ...user,
    role: 'operator',
    hostGrants: [{ hostId: 'local', role: 'operator', labelScope: `${key}=${value}` }],
  })
  expect(res.status, await res.clone().text()).toBe(201)
  return signIn(h, user.username, user.password)
}

describe('image reads', () => {
  let used: string
  let unused: string
  let containerName: string

  beforeAll(async () => {
    used = `${h.uniqueName('used')}/app:1`
    unused = `${h.uniqueName('unused')}:1`
    await importLabelled(used)
    await importLabelled(unused)
    containerName = h.uniqueName('ctr')
    const label = Object.entries(h.labels).map(([k, v]) => `${k}=${v}`)
    await docker(h.dockerHost, ['create', '--name', containerName, '--label', ...label, used, 'x'])
  })

  it('lists images with the containers using them, filtered by in use and dangling', async () => {
    const viewer = await h.as('viewer')

    const inUse = (await (await viewer.get(`${images}?inUse=true`)).json()) as {
      repoTags: string[]
      inUse: boolean
      containers: { name: string }[]
    }[]
    const notInUse = (await (await viewer.get(`${images}?inUse=false&dangling=false`)).json()) as {
      repoTags: string[]
    }[]
    const dangling = (await (await viewer.get(`${images}?dangling=true`)).json()) as {
      repoTags: string[]
    }[]

    const row = inUse.find((image) => image.repoTags.includes(used))
    expect(row).toMatchObject({ inUse: true, dangling: false, labels: h.labels })
    expect(row?.containers.map((c) => c.name)).toEqual([containerName])
    expect(inUse.some((image) => image.repoTags.includes(unused))).toBe(false)
    expect(notInUse.some((image) => image.repoTags.includes(unused))).toBe(true)
    expect(dangling.every((image) => image.repoTags.length === 0)).toBe(true)
  })

  it('inspects by a reference with slashes and by id, and shows the history', async () => {
    const viewer = await h.as('viewer')

    const byRef = await viewer.get(ref(used))
    const details = (await byRef.json()) as {
      id: string
      repoTags: string[]
      containers: unknown[]
    }
    const byId = await viewer.get(ref(details.id))
    const history = await viewer.get(`${ref(used)}/history`)

    expect(byRef.status).toBe(200)
    expect(details.repoTags).toContain(used)
    expect(details.containers).toEqual([{ id: expect.any(String), name: containerName }])
    expect(((await byId.json()) as { id: string }).id).toBe(details.id)
    expect(history.status).toBe(200)
    expect(await history.json()).toEqual([
      expect.objectContaining({ createdBy: expect.any(String), size: expect.any(Number) }),
    ])
  })

  it("answers the engine's 404 for an unknown image and 400 for a path-like reference", async () => {
    const viewer = await h.as('viewer')

    await expectApiError(await viewer.get(ref('hm-nothing-here:1')), 404, 'not_found', /No such/)
    await expectApiError(await viewer.get(ref('a/../../containers/json')), 400, 'invalid_request')
  })
})

describe('image usage after container changes', () => {
  /** The fixture image's row: who uses it, and when the engine was asked for the image list. */
  async function fixtureUsage(): Promise<{ users: string[]; measuredAt: string | null }> {
    const res = await (await h.as('viewer')).get(images)
    const rows = (await res.json()) as { repoTags: string[]; containers: { name: string }[] }[]
    const row = rows.find((image) => image.repoTags.includes(h.fixtureImage))
    return {
      users: row?.containers.map((c) => c.name) ?? [],
      measuredAt: res.headers.get('X-Measured-At'),
    }
  }

  async function eventually(check: () => Promise<boolean>): Promise<void> {
    const deadline = Date.now() + 5000
    while (!(await check())) {
      if (Date.now() > deadline) throw new Error('the image list never caught up')
      await new Promise((resolve) => setTimeout(resolve, 100))
    }
  }

  it('counts a container created or removed from the CLI while the image list is cached', async () => {
    const name = h.uniqueName('user')
    const label = Object.entries(h.labels).map(([k, v]) => `${k}=${v}`)
    const before = await fixtureUsage()
    expect(before.measuredAt).not.toBeNull()
    expect(before.users).not.toContain(name)

    // Only container events follow: the cached `/images/json` answer must not hide the new user.
    await docker(h.dockerHost, ['create', '--name', name, '--label', ...label, h.fixtureImage])
    await eventually(async () => (await fixtureUsage()).users.includes(name))

    await docker(h.dockerHost, ['rm', name])
    await eventually(async () => !(await fixtureUsage()).users.includes(name))
  })
})

describe('image changes', () => {
  it('tags and untags as an operator, recorded in the audit log', async () => {
    const operator = await h.as('operator')
    const source = `${h.uniqueName('src')}:1`
    await importLabelled(source)
    const repo = `${h.uniqueName('alias')}/team/app`

    const tagged = await operator.post(`${ref(source)}/tag`, { repo, tag: '2' })
    const hadTag = await imageExists(`${repo}:2`)
    const removed = await operator.delete(ref(`${repo}:2`))

    expect(tagged.status).toBe(204)
    expect(hadTag).toBe(true)
    expect(removed.status).toBe(200)
    expect(await removed.json()).toEqual({ untagged: [`${repo}:2`], deleted: [] })
    expect(await imageExists(`${repo}:2`)).toBe(false)
    expect(await imageExists(source)).toBe(true)
    const audit = await (await h.as('admin')).get('/api/audit?action=image.tag')
    const { entries } = (await audit.json()) as { entries: Record<string, unknown>[] }
    expect(entries[0]).toMatchObject({
      action: 'image.tag',
      target: source,
      status: 204,
      parameters: { repo, tag: '2' },
    })
  })

  it('refuses to remove an image a container uses unless forced', async () => {
    const operator = await h.as('operator')
    const image = `${h.uniqueName('busy')}:1`
    await importLabelled(image)
    const label = Object.entries(h.labels).map(([k, v]) => `${k}=${v}`)
    await docker(h.dockerHost, ['create', '--label', ...label, image, 'x'])

    const refused = await operator.delete(ref(image))
    const forced = await operator.delete(`${ref(image)}?force=true`)

    await expectApiError(refused, 409, 'conflict', /container/)
    expect(forced.status).toBe(200)
    expect(((await forced.json()) as { untagged: string[] }).untagged).toContain(image)
  })

  it('prunes dangling images inside a scoped operator’s labels only', async () => {
    const operator = await scopedOperator()
    const mine = await importLabelled()
    const theirs = await tarOf({ other: 'y' }).then(async (input) => {
      const { stdout } = await docker(h.dockerHost, ['import', '-'], { input })
      return stdout.trim()
    })

    const res = await pruneWhenFree(
      () => operator.post(`${images}/prune`),
      responseSaysPruneRunning,
    )

    expect(res.status).toBe(200)
    const body = (await res.json()) as { deleted: string[]; spaceReclaimed: number }
    expect(body.deleted).toContain(mine)
    expect(await imageExists(mine)).toBe(false)
    expect(await imageExists(theirs)).toBe(true)
    await docker(h.dockerHost, ['image', 'rm', theirs])
  })

  it('hides images outside a scoped operator’s labels from changes (404)', async () => {
    const operator = await scopedOperator()

    const res = await operator.post(`${ref(h.fixtureImage)}/tag`, { repo: h.uniqueName('x') })

    await expectApiError(res, 404, 'not_found', /No such image/)
  })
})

describe('a viewer may not change images', () => {
  it('gets 403 on every mutation and the engine is unchanged', async () => {
    const viewer = await h.as('viewer')
    const image = `${h.uniqueName('keep')}:1`
    const dangling = await importLabelled()
    await importLabelled(image)
    const newTag = h.uniqueName('never')

    const answers = [
      await viewer.post(`${images}/pull`, { image: h.fixtureImage }),
      await viewer.post(`${images}/build`, { dockerfile: 'FROM scratch\n', tags: [`${newTag}:b`] }),
      await viewer.request('POST', `${images}/import?repo=${newTag}&tag=i`, {
        raw: await tarOf({ a: 'b' }),
        headers: { 'Content-Type': 'application/x-tar' },
      }),
      await viewer.post(`${ref(image)}/tag`, { repo: newTag, tag: 't' }),
      await viewer.delete(`${ref(image)}?force=true`),
      await viewer.post(`${images}/prune?all=true`),
      await viewer.get(`${images}/save?names=${encodeURIComponent(image)}`),
    ]

    for (const res of answers) await expectApiError(res, 403, 'forbidden', /operator role/)
    expect(await imageExists(image)).toBe(true)
    expect(await imageExists(dangling)).toBe(true)
    const { stdout } = await docker(h.dockerHost, ['image', 'ls', '-q', newTag])
    expect(stdout.trim()).toBe('')
  })
})
