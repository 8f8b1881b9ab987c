import { gzipSync } from 'node:zlib'
import { docker } from '@harbormaster/testkit'
import { type Header, pack } from 'tar-stream'
import { describe, expect, it } from 'vitest'
import { expectApiError, startHarness } from '../../test/harness.ts'

type Entry = Partial<Header> & { name: string } & { content?: string }

async function tarOf(entries: Entry[]): Promise<Buffer> {
  const archive = pack()
  for (const { content, ...header } of entries) archive.entry(header, content ?? '')
  archive.finalize()
  const chunks: Buffer[] = []
  for await (const chunk of archive as AsyncIterable<Buffer>) chunks.push(chunk)
  return Buffer.concat(chunks)
}

describe('uploading an archive into a container', () => {
  const h = startHarness()
  const base = '/api/hosts/local/containers'

  const runContainer = async () => {
    const operator = await h.as('operator')
    const name = h.uniqueName('upload')
    const res = await operator.post(`${base}?start=true`, {
      image: h.fixtureImage,
      name,
      cmd: ['sleep', '300'],
      labels: h.labels,
    })
    expect(res.status).toBe(201)
    return { operator, name }
  }
  const exists = async (name: string, path: string) =>
    docker(h.dockerHost, ['exec', name, 'ls', path]).then(
      () => true,
      () => false,
    )
  const upload =
    (operator: Awaited<ReturnType<typeof runContainer>>['operator'], name: string) =>
    (body: Buffer) =>
      operator.request('PUT', `${base}/${name}/files?path=/tmp`, {
        raw: body,
        headers: { 'content-type': 'application/x-tar' },
      })

  it('writes files, folders and links from a plain or a gzip tar', async () => {
    const { operator, name } = await runContainer()
    const tar = await tarOf([
      { name: 'app', type: 'directory', mode: 0o755 },
      { name: 'app/hello.txt', content: 'hello\n', mode: 0o644 },
      { name: 'app/link', type: 'symlink', linkname: 'hello.txt' },
    ])

    expect((await upload(operator, name)(tar)).status).toBe(204)
    expect((await upload(operator, name)(gzipSync(tar))).status).toBe(204)

    const { stdout } = await docker(h.dockerHost, ['exec', name, 'cat', '/tmp/app/link'])
    expect(stdout).toBe('hello\n')
  })

  it.each<[string, Entry]>([
    ['a hard link', { name: 'shadow', type: 'link', linkname: '/etc/shadow' }],
    ['a relative hard link', { name: 'passwd', type: 'link', linkname: '../etc/passwd' }],
    [
      'a character device',
      { name: 'null2', type: 'character-device', devmajor: 1, devminor: 3, mode: 0o666 },
    ],
    ['a block device', { name: 'sda', type: 'block-device', devmajor: 8, devminor: 0 }],
    ['a fifo', { name: 'pipe', type: 'fifo', mode: 0o644 }],
  ])('refuses %s with a 400 naming it, and creates nothing of it', async (_kind, entry) => {
    const { operator, name } = await runContainer()
    const tar = await tarOf([entry])

    for (const body of [tar, gzipSync(tar)]) {
      await expectApiError(
        await upload(operator, name)(body),
        400,
        'invalid_request',
        new RegExp(`"${entry.name}"`),
      )
    }

    expect(await exists(name, `/tmp/${entry.name}`)).toBe(false)
    expect((await h.anonymous.get('/api/health')).status).toBe(200)
  })

  it('refuses archives it cannot read with a 400, never a 5xx', async () => {
    const { operator, name } = await runContainer()
    const send = upload(operator, name)

    await expectApiError(
      await send(Buffer.concat([Buffer.from('BZh91AY&SY'), Buffer.alloc(600)])),
      400,
      'invalid_request',
      /bzip2 and xz/,
    )
    await expectApiError(
      await send(Buffer.from('this is not a tar archive at all, just text'.repeat(30))),
      400,
      'invalid_request',
      /not a readable tar/,
    )
    await expectApiError(
      await send(Buffer.from([0x1f, 0x8b, 0x08, 0x00, 0x01, 0x02, 0x03])),
      400,
      'invalid_request',
      /not a readable tar/,
    )
  })
})
