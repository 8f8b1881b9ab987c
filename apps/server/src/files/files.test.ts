import { docker } from '@harbormaster/testkit'
import { extract } from 'tar-stream'
import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { expectApiError, startHarness } from '../../test/harness.ts'

async function tarNames(res: Response): Promise<string[]> {
  const names: string[] = []
  const parser = extract()
  parser.on('entry', (header, body, next) => {
    names.push(header.name)
    body.on('end', next)
    body.resume()
  })
  Readable.from(Buffer.from(await res.arrayBuffer())).pipe(parser)
  await new Promise<void>((resolve) => {
    parser.on('finish', () => {
      resolve()
    })
  })
  return names
}

describe('files inside a container, through the API', () => {
  const h = startHarness()
  const base = '/api/hosts/local/containers'

  const runContainer = async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('files')
    await operator.post(`${base}?start=true`, {
      image: h.fixtureImage,
      name,
      cmd: ['sleep', '300'],
      labels: h.labels,
    })
    return { operator, name }
  }

  it('lists a directory with kinds, sizes and link targets', async () => {
    const { operator, name } = await runContainer()

    const res = await operator.get(`${base}/${name}/files?path=/bin`)

    expect(res.status).toBe(200)
    const listing = (await res.json()) as {
      entries: { name: string; kind: string; linkTarget: string }[]
    }
    expect(listing.entries.find((e) => e.name === 'busybox')).toMatchObject({ kind: 'file' })
    expect(listing.entries.find((e) => e.name === 'sh')).toMatchObject({ kind: 'symlink' })
  })

  it('uploads a single file and a tar, then downloads them', async () => {
    const { operator, name } = await runContainer()

    const single = await operator.request('PUT', `${base}/${name}/files?path=/tmp&name=hello.txt`, {
      raw: 'hello from the api\n',
    })
    expect(single.status).toBe(204)
    const { stdout } = await docker(h.dockerHost, ['exec', name, 'cat', '/tmp/hello.txt'])
    expect(stdout).toBe('hello from the api\n')

    const download = await operator.get(`${base}/${name}/files/download?path=/tmp/hello.txt`)
    expect(download.status).toBe(200)
    expect(download.headers.get('content-disposition')).toContain("filename*=UTF-8''hello.txt.tar")
    expect(await tarNames(download)).toEqual(['hello.txt'])
  })

  it('refuses path traversal, relative paths and a viewer', async () => {
    const { name } = await runContainer()
    const operator = await h.as('operator')
    const viewer = await h.as('viewer')

    await expectApiError(
      await operator.get(`${base}/${name}/files?path=/tmp/../etc`),
      400,
      'invalid_request',
      /traversal/,
    )
    await expectApiError(
      await operator.get(`${base}/${name}/files?path=etc`),
      400,
      'invalid_request',
      /absolute/,
    )
    await expectApiError(
      await operator.request('PUT', `${base}/${name}/files?path=/tmp&name=../x`, { raw: 'x' }),
      400,
      'invalid_request',
    )
    await expectApiError(
      await viewer.get(`${base}/${name}/files/download?path=/etc/passwd`),
      403,
      'forbidden',
    )
  })

  it("passes on the engine's 404 for a missing path", async () => {
    const { operator, name } = await runContainer()

    await expectApiError(
      await operator.get(`${base}/${name}/files?path=/nope`),
      404,
      'not_found',
      /could not find/i,
    )
  })
})
