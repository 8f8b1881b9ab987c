import { request } from 'node:http'
import { docker, scaled } from '@harbormaster/testkit'
import { pack } from 'tar-stream'
import { describe, expect, it } from 'vitest'
import { expectApiError, startHarness } from '../../test/harness.ts'

const h = startHarness()
const images = '/api/hosts/local/images'

interface Line {
  stream?: string
  status?: string
  aux?: { ID?: string }
  error?: { code: string; message: string }
}

async function tarOf(files: Record<string, string>): Promise<Buffer> {
  const tar = pack()
  for (const [name, content] of Object.entries(files)) tar.entry({ name }, content)
  tar.finalize()
  return Buffer.concat(await Array.fromAsync(tar as AsyncIterable<Buffer>))
}

async function lines(res: Response): Promise<Line[]> {
  expect(res.headers.get('content-type')).toMatch(/^application\/x-ndjson/)
  const text = await res.text()
  return text
    .split('\n')
    .filter((line) => line !== '')
    .map((line) => JSON.parse(line) as Line)
}

async function imageLabels(reference: string): Promise<Record<string, string> | undefined> {
  const format = ['--format', '{{json .Config.Labels}}']
  return docker(h.dockerHost, ['image', 'inspect', ...format, reference]).then(
    ({ stdout }) => JSON.parse(stdout) as Record<string, string>,
    () => undefined,
  )
}

describe('POST /images/build', () => {
  it('builds a Dockerfile sent as JSON, streaming Step lines, and labels the image', async () => {
    const operator = await h.as('operator')
    const tag = `${h.uniqueName('built')}/app:1`

    const res = await operator.post(`${images}/build`, {
      dockerfile: `FROM ${h.fixtureImage}\nARG WORD\nRUN echo "$WORD" > /word\n`,
      tags: [tag],
      buildArgs: { WORD: 'from-json' },
      labels: h.labels,
    })

    expect(res.status).toBe(200)
    const output = await lines(res)
    expect(output.some((line) => line.stream?.startsWith('Step 1/'))).toBe(true)
    expect(output.some((line) => line.error)).toBe(false)
    expect(output.find((line) => line.aux?.ID)?.aux?.ID).toMatch(/^sha256:/)
    expect(await imageLabels(tag)).toMatchObject(h.labels)
    const { stdout } = await docker(h.dockerHost, ['run', '--rm', tag, 'cat', '/word'])
    expect(stdout).toBe('from-json\n')
  })

  it('builds an uploaded context tar with the options in the query', async () => {
    const operator = await h.as('operator')
    const tag = `${h.uniqueName('ctx')}:1`
    const context = await tarOf({
      'build/Containerfile': `FROM ${h.fixtureImage}\nCOPY hello.txt /hello.txt\n`,
      'hello.txt': 'hello from the context\n',
    })
    const query = new URLSearchParams({
      dockerfile: 'build/Containerfile',
      tags: tag,
      labels: JSON.stringify(h.labels),
    })

    const res = await operator.request('POST', `${images}/build?${query.toString()}`, {
      raw: context,
      headers: { 'Content-Type': 'application/x-tar' },
    })

    expect(res.status).toBe(200)
    expect((await lines(res)).some((line) => line.stream?.includes('Successfully built'))).toBe(
      true,
    )
    const { stdout } = await docker(h.dockerHost, ['run', '--rm', tag, 'cat', '/hello.txt'])
    expect(stdout).toBe('hello from the context\n')
  })

  it('ends a failing build with an error line after the 200', async () => {
    const operator = await h.as('operator')

    const res = await operator.post(`${images}/build`, {
      dockerfile: `FROM ${h.fixtureImage}\nRUN exit 3\n`,
      labels: h.labels,
    })

    expect(res.status).toBe(200)
    const output = await lines(res)
    expect(output.at(-1)).toEqual({
      error: { code: 'engine_error', message: expect.stringMatching(/non-zero code: 3/) },
    })
    // The audit row tells how the build ended, not the 200 sent before it ran.
    const audit = await (await h.as('admin')).get('/api/audit?action=image.build&limit=50')
    const { entries } = (await audit.json()) as { entries: Record<string, unknown>[] }
    expect(entries.find((e) => String(e.error).includes('non-zero code: 3'))).toMatchObject({
      status: 500,
      actorName: expect.stringMatching(/^operator-/),
    })
  })

  it('refuses remote builds and our label namespace to an operator, and builds nothing', async () => {
    const operator = await h.as('operator')
    const tag = `${h.uniqueName('remote')}:1`
    const remote = new URLSearchParams({ remote: 'http://127.0.0.1:1/context.tar', tags: tag })

    const fromUrl = await operator.post(`${images}/build?${remote.toString()}`)
    const reserved = await operator.post(`${images}/build`, {
      dockerfile: `FROM ${h.fixtureImage}\n`,
      tags: [tag],
      labels: { 'io.harbormaster.owner': 'me' },
    })

    await expectApiError(fromUrl, 403, 'forbidden', /remote \(build from a URL\)/)
    await expectApiError(reserved, 403, 'forbidden', /labels \(io\.harbormaster\.\*\)/)
    expect(await imageLabels(tag)).toBeUndefined()
    const audit = await (await h.as('admin')).get('/api/audit?action=image.build&status=403')
    const { entries } = (await audit.json()) as { entries: Record<string, unknown>[] }
    expect(entries).toContainEqual(
      expect.objectContaining({
        target: tag,
        parameters: expect.objectContaining({ form: 'remote', remote: remote.get('remote') }),
      }),
    )
  })

  it('names the field of an invalid JSON build and refuses query options beside it', async () => {
    const operator = await h.as('operator')

    const invalid = await operator.post(`${images}/build`, { dockerfile: '', tags: ['x'] })
    const mixed = await operator.post(`${images}/build?nocache=true`, { dockerfile: 'FROM x\n' })

    await expectApiError(invalid, 400, 'invalid_request', /^json\.dockerfile:/)
    await expectApiError(mixed, 400, 'invalid_request', /^query\.nocache:/)
  })

  it('refuses a context declared over 512 MiB with 413 before reading it', async () => {
    const operator = await h.as('operator')

    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${h.url}${images}/build`, {
        method: 'POST',
        headers: {
          Origin: operator.origin,
          Cookie: operator.cookie ?? '',
          'Content-Type': 'application/x-tar',
          'Content-Length': String(513 * 1024 * 1024),
        },
      })
      req.on('response', (res) => {
        let body = ''
        res.on('data', (chunk: Buffer) => (body += chunk.toString()))
        res.on('end', () => {
          resolve({ status: res.statusCode ?? 0, body })
          req.destroy()
        })
      })
      req.on('error', (err: NodeJS.ErrnoException) => {
        if (err.code !== 'ECONNRESET' && err.code !== 'EPIPE') reject(err)
      })
      req.write(Buffer.alloc(1024))
    })

    expect(answer.status).toBe(413)
    expect(JSON.parse(answer.body)).toMatchObject({ error: { code: 'payload_too_large' } })
  })

  it('stops the engine build when the client goes away', async () => {
    const operator = await h.as('operator')
    const marker = h.uniqueName('marker')
    const controller = new AbortController()
    const running = async () => {
      const { stdout } = await docker(h.dockerHost, [
        'ps',
        '--no-trunc',
        '--format',
        '{{.Command}}',
      ])
      return stdout.includes(marker)
    }

    const res = await fetch(`${h.url}${images}/build`, {
      method: 'POST',
      signal: controller.signal,
      headers: {
        Origin: operator.origin,
        Cookie: operator.cookie ?? '',
        'Content-Type': 'application/json',
      },
      body: JSON.stringify({
        dockerfile: `FROM ${h.fixtureImage}\nRUN echo ${marker} && sleep 120\n`,
        labels: h.labels,
      }),
    })
    const reader = (res.body as ReadableStream<Uint8Array>).getReader()
    await reader.read()
    await expect.poll(running, { timeout: scaled(20_000) }).toBe(true)
    controller.abort()

    await expect.poll(running, { timeout: scaled(30_000), interval: 500 }).toBe(false)
    expect((await operator.get('/api/health')).status).toBe(200)
  })
})

describe('POST /images/pull', () => {
  it("answers the engine's error for an unreachable registry, and never audits credentials", async () => {
    const operator = await h.as('operator')

    const res = await operator.post(`${images}/pull`, {
      image: '127.0.0.1:1/hm/x',
      tag: '1',
      registryAuth: { username: 'u', password: 'hunter2-secret', serveraddress: '127.0.0.1:1' },
    })

    await expectApiError(res, 500, 'engine_error', /127\.0\.0\.1:1/)
    const audit = await (await h.as('admin')).get('/api/audit?action=image.pull')
    const text = await audit.text()
    expect(text).toContain('127.0.0.1:1/hm/x:1')
    expect(text).not.toContain('hunter2-secret')
    expect(text).not.toContain('registryAuth')
  })
})

describe('POST /images/import and GET /images/save', () => {
  it('imports a tarball as an operator, streaming progress, then saves it as a tar', async () => {
    const operator = await h.as('operator')
    const repo = h.uniqueName('imported')

    const res = await operator.request('POST', `${images}/import?repo=${repo}&tag=1`, {
      raw: await tarOf({ 'hello.txt': 'hi' }),
      headers: { 'Content-Type': 'application/x-tar' },
    })
    try {
      expect(res.status).toBe(200)
      expect((await lines(res)).at(-1)?.status).toMatch(/^sha256:/)
      const saved = await operator.get(`${images}/save?names=${encodeURIComponent(`${repo}:1`)}`)
      expect(saved.status).toBe(200)
      expect(saved.headers.get('content-type')).toBe('application/x-tar')
      const bytes = Buffer.from(await saved.arrayBuffer())
      expect(bytes.includes('manifest.json')).toBe(true)
    } finally {
      await docker(h.dockerHost, ['image', 'rm', `${repo}:1`]).catch(() => undefined)
    }
  })

  it('refuses fromSrc to an operator and imports nothing', async () => {
    const operator = await h.as('operator')
    const repo = h.uniqueName('fromsrc')
    const query = new URLSearchParams({ repo, tag: '1', fromSrc: 'http://127.0.0.1:1/rootfs.tar' })

    const res = await operator.post(`${images}/import?${query.toString()}`)

    await expectApiError(res, 403, 'forbidden', /fromSrc \(import from a URL\)/)
    const { stdout } = await docker(h.dockerHost, ['image', 'ls', '-q', repo])
    expect(stdout.trim()).toBe('')
  })
})
