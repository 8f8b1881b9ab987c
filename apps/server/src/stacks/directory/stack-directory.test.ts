import {
  existsSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { StackDirectoryWrite } from '@harbormaster/contract'
import { afterAll, describe, expect, it } from 'vitest'
import { expectApiError } from '../../../test/expect-api-error.ts'
import { FAST_ORIGIN, startFastApp } from '../../../test/fast-app.ts'
import {
  COMPOSE,
  STACKS as stacks,
  directoryCalls,
  listing,
  mode,
  put,
  tarOf,
} from '../../../test/stack-directory-calls.ts'

const FILE_LIMIT = 64 * 1024
const DIR_LIMIT = 160 * 1024
const fast = startFastApp({
  HARBORMASTER_STACK_FILE_MAX_BYTES: String(FILE_LIMIT),
  HARBORMASTER_STACK_DIR_MAX_BYTES: String(DIR_LIMIT),
})
const { createStack } = directoryCalls(fast, 'files')
const outside = mkdtempSync(join(tmpdir(), 'hm-dir-outside-'))
afterAll(() => {
  rmSync(outside, { recursive: true, force: true })
})

/**
 * The routes of a stack's directory over the fast tier (they touch the filesystem only): what
 * each role may do, paths and links that would leave the directory, the managed files, scope,
 * and the validate call seeing an uploaded env file. Uploads' archives and limits, changes and
 * the deploy guard: stack-directory-uploads.test.ts.
 */
describe("a stack's directory over HTTP", () => {
  it('uploads a file (0600, folders 0700), lists it beside the managed files, and serves it to operators', async () => {
    const { name, dir } = await createStack()
    const operator = await fast.as('operator')
    const res = await put(operator, name, 'file?path=secrets/db.txt', 'hunter2')
    expect(res.status, await res.clone().text()).toBe(200)
    expect(((await res.json()) as StackDirectoryWrite).written).toEqual([
      { path: 'secrets/db.txt', kind: 'file', size: 7 },
    ])
    expect(readFileSync(join(dir, 'secrets/db.txt'), 'utf8')).toBe('hunter2')
    expect(mode(join(dir, 'secrets/db.txt'))).toBe(0o600)
    expect(mode(join(dir, 'secrets'))).toBe(0o700)

    const listed = await listing(operator, name)
    expect(listed.entries.map((e) => [e.path, e.kind, e.size, e.managed])).toEqual([
      ['.env', 'file', 4, true],
      ['compose.yaml', 'file', COMPOSE.length, true],
      ['secrets', 'directory', 0, false],
      ['secrets/db.txt', 'file', 7, false],
    ])
    expect(listed).toMatchObject({ truncated: false, mayRead: true, mayWrite: true })
    expect(listed.limits).toEqual({ fileBytes: FILE_LIMIT, directoryBytes: DIR_LIMIT })

    const download = await operator.get(`${stacks}/${name}/directory/file?path=secrets/db.txt`)
    expect(download.status).toBe(200)
    expect(await download.text()).toBe('hunter2')
    expect(download.headers.get('content-disposition')).toMatch(/filename="db.txt"/)
  })

  it('shows a viewer names and sizes only: no content, no change', async () => {
    const { name } = await createStack()
    const operator = await fast.as('operator')
    await put(operator, name, 'file?path=app.env', 'TOKEN=x\n')
    const viewer = await fast.as('viewer')

    const listed = await listing(viewer, name)
    expect(listed.entries.map((e) => e.path)).toContain('app.env')
    expect(listed).toMatchObject({ mayRead: false, mayWrite: false })
    await expectApiError(
      await viewer.get(`${stacks}/${name}/directory/file?path=app.env`),
      403,
      'forbidden',
    )
    await expectApiError(await put(viewer, name, 'file?path=x', 'x'), 403, 'forbidden')
    await expectApiError(await put(viewer, name, 'archive', await tarOf([])), 403, 'forbidden')
    await expectApiError(
      await viewer.post(`${stacks}/${name}/directory/folders`, { path: 'x' }),
      403,
      'forbidden',
    )
    await expectApiError(
      await viewer.post(`${stacks}/${name}/directory/move`, { from: 'app.env', to: 'b.env' }),
      403,
      'forbidden',
    )
    await expectApiError(
      await viewer.delete(`${stacks}/${name}/directory?path=app.env`),
      403,
      'forbidden',
    )
  })

  it('refuses paths that leave the directory, and a link planted in it, and writes nothing outside', async () => {
    const { name, dir } = await createStack()
    const operator = await fast.as('operator')
    writeFileSync(join(outside, 'secret'), 'host secret')
    symlinkSync(outside, join(dir, 'out'))
    symlinkSync(join(outside, 'secret'), join(dir, 'secret-link'))

    for (const path of ['../x', '/etc/passwd', 'a/../../x', 'a/../x', 'a\\b']) {
      const query = `path=${encodeURIComponent(path)}`
      await expectApiError(await put(operator, name, `file?${query}`, 'x'), 400, 'invalid_request')
      await expectApiError(
        await operator.get(`${stacks}/${name}/directory/file?${query}`),
        400,
        'invalid_request',
      )
      await expectApiError(
        await operator.delete(`${stacks}/${name}/directory?${query}`),
        400,
        'invalid_request',
      )
    }
    await expectApiError(
      await put(operator, name, 'file?path=out/planted', 'x'),
      400,
      'invalid_request',
      /out is a link/,
    )
    await expectApiError(
      await operator.get(`${stacks}/${name}/directory/file?path=out/secret`),
      400,
      'invalid_request',
      /out is a link/,
    )
    await expectApiError(
      await operator.get(`${stacks}/${name}/directory/file?path=secret-link`),
      400,
      'invalid_request',
      /secret-link is a link/,
    )
    await expectApiError(
      await operator.post(`${stacks}/${name}/directory/folders`, { path: 'out/sub' }),
      400,
      'invalid_request',
    )
    await expectApiError(
      await operator.post(`${stacks}/${name}/directory/move`, { from: 'secret-link', to: 'out/x' }),
      400,
      'invalid_request',
    )
    const links = (await listing(operator, name)).entries.filter((e) => e.kind === 'symlink')
    expect(links.map((e) => e.path)).toEqual(['out', 'secret-link'])

    // Removing a link removes the link, not what it leads to.
    const removed = await operator.delete(`${stacks}/${name}/directory?path=out`)
    expect(removed.status).toBe(204)
    expect(existsSync(join(dir, 'out'))).toBe(false)
    expect(readdirSync(outside)).toEqual(['secret'])
    expect(readFileSync(join(outside, 'secret'), 'utf8')).toBe('host secret')
  })

  it('keeps compose.yaml and .env to the stack’s versions (409 naming them)', async () => {
    const { name, dir } = await createStack()
    const operator = await fast.as('operator')
    await expectApiError(
      await put(operator, name, 'file?path=compose.yaml', 'x'),
      409,
      'conflict',
      /compose.yaml is written from the stack's saved versions/,
    )
    await expectApiError(
      await put(
        operator,
        name,
        'archive',
        await tarOf([
          { name: 'ok', content: 'x' },
          { name: './.env', content: 'A=2' },
        ]),
      ),
      409,
      'conflict',
      /\.env is written from/,
    )
    await expectApiError(
      await operator.delete(`${stacks}/${name}/directory?path=.env`),
      409,
      'conflict',
      /\.env/,
    )
    await put(operator, name, 'file?path=other.yaml', 'x')
    await expectApiError(
      await operator.post(`${stacks}/${name}/directory/move`, {
        from: 'other.yaml',
        to: 'compose.yaml',
      }),
      409,
      'conflict',
      /compose.yaml/,
    )
    await expectApiError(
      await operator.get(`${stacks}/${name}/directory/file?path=.env`),
      409,
      'conflict',
      /GET \/files/,
    )
    expect(readFileSync(join(dir, '.env'), 'utf8')).toBe('A=1\n')
    expect(readFileSync(join(dir, 'compose.yaml'), 'utf8')).toBe(COMPOSE)
    expect(existsSync(join(dir, 'ok'))).toBe(false)
  })

  it('audits a download with its path and size', async () => {
    const { name } = await createStack()
    const operator = await fast.as('operator')
    await put(operator, name, 'file?path=k.pem', 'PRIVATE')
    await (await operator.get(`${stacks}/${name}/directory/file?path=k.pem`)).text()
    const [entry] = fast
      .audit()
      .filter((e) => e.target === name && e.action === 'stack.directory.download')
    expect(entry).toMatchObject({ status: 200, parameters: { path: 'k.pem', size: 7 } })
  })

  it('answers 404 for a project with no stored stack, and for a stack outside the caller’s scope', async () => {
    const operator = await fast.as('operator')
    await expectApiError(await operator.get(`${stacks}/no-such-stack/directory`), 404, 'not_found')
    await expectApiError(await put(operator, 'no-such-stack', 'file?path=x', 'x'), 404, 'not_found')

    const teamA = await fast.userWith('operator', [
      { hostId: 'local', role: 'operator', labelScope: 'team=a' },
    ])
    const teamB = await fast.userWith('operator', [
      { hostId: 'local', role: 'operator', labelScope: 'team=b' },
    ])
    const { name, dir } = await createStack(teamA)
    expect((await listing(teamA, name)).entries.length).toBe(2)
    await expectApiError(await teamB.get(`${stacks}/${name}/directory`), 404, 'not_found')
    await expectApiError(await put(teamB, name, 'file?path=x', 'x'), 404, 'not_found')
    await expectApiError(
      await teamB.post(`${stacks}/${name}/directory/folders`, { path: 'x' }),
      404,
      'not_found',
    )
    expect(readdirSync(dir).sort()).toEqual(['.env', 'compose.yaml'])
  })

  it('refuses an upload from another origin and one without a session', async () => {
    const { name, dir } = await createStack()
    const operator = await fast.as('operator')
    const foreign = await operator.request('PUT', `${stacks}/${name}/directory/file?path=x`, {
      raw: 'x',
      headers: { Origin: 'https://evil.example', 'Content-Type': 'application/octet-stream' },
    })
    expect(foreign.status).toBe(403)
    expect(FAST_ORIGIN).not.toBe('https://evil.example')
    await expectApiError(
      await put(fast.anonymous, name, 'file?path=x', 'x'),
      401,
      'unauthenticated',
    )
    expect(existsSync(join(dir, 'x'))).toBe(false)
  })

  it('goes with the stack when the stack is removed', async () => {
    const { name, dir } = await createStack()
    const operator = await fast.as('operator')
    await put(operator, name, 'file?path=s/secret', 'x')
    const removed = await operator.delete(`${stacks}/${name}`)
    expect(removed.status, await removed.clone().text()).toBe(204)
    expect(existsSync(dir)).toBe(false)
  })

  it('marks a listing cut at its bound as truncated', async () => {
    const { name, dir } = await createStack()
    for (let i = 0; i < 5000; i++) mkdirSync(join(dir, `d${String(i).padStart(4, '0')}`))
    const listed = await listing(await fast.as('viewer'), name)
    expect(listed.entries.length).toBe(5000)
    expect(listed.truncated).toBe(true)
  })

  it('tells a missing env_file at its line in validation, and nothing once it is uploaded', async () => {
    const compose = 'services:\n  app:\n    image: busybox\n    env_file: app.env\n'
    const operator = await fast.as('operator')
    const { name } = await createStack(operator, compose)
    const validate = async () => {
      const res = await operator.post(`${stacks}/validate`, { name, compose, env: '' })
      expect(res.status, await res.clone().text()).toBe(200)
      return ((await res.json()) as { issues: { line: number; message: string }[] }).issues
    }
    expect(await validate()).toEqual([
      expect.objectContaining({ line: 4, message: expect.stringMatching(/app\.env/) }),
    ])
    expect((await put(operator, name, 'file?path=app.env', 'GREETING=hello\n')).status).toBe(200)
    expect(await validate()).toEqual([])
  })
})
