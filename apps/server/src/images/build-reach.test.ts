import { gzipSync } from 'node:zlib'
import { docker } from '@harbormaster/testkit'
import { type Header, pack } from 'tar-stream'
import { describe, expect, it } from 'vitest'
import { expectApiError, startHarness } from '../../test/harness.ts'

const h = startHarness()
const images = '/api/hosts/local/images'

type Entry = Partial<Header> & { name: string; content?: string | undefined }

async function tarOf(entries: Entry[]): Promise<Buffer> {
  const tar = pack()
  for (const { content, ...header } of entries) tar.entry(header, content ?? '')
  tar.finalize()
  return Buffer.concat(await Array.fromAsync(tar as AsyncIterable<Buffer>))
}

const imageExists = (reference: string) =>
  docker(h.dockerHost, ['image', 'inspect', reference]).then(
    () => true,
    () => false,
  )

/** Dockerfiles whose ADD reaches outside the context, in the spellings the builder accepts. */
const OUTSIDE: [string, (base: string) => string, RegExp][] = [
  ['a URL', (b) => `FROM ${b}\nADD http://127.0.0.1:9/secret /s\n`, /line 2: http:\/\/127/],
  ['lowercase add', (b) => `FROM ${b}\nadd https://example.com/x /x\n`, /line 2/],
  ['a flag first', (b) => `FROM ${b}\nADD --chown=1:1 http://10.0.0.1/x /x\n`, /line 2/],
  ['the JSON form', (b) => `FROM ${b}\nADD ["http://10.0.0.1/x", "/x"]\n`, /line 2/],
  ['a continued line', (b) => `FROM ${b}\nADD \\\n  http://10.0.0.1/x \\\n  /x\n`, /line 2/],
  ['another escape', (b) => `# escape=\`\nFROM ${b}\nADD \`\n http://10.0.0.1/x /x\n`, /line 3/],
  ['a git source', (b) => `FROM ${b}\nADD git@example.com:team/repo.git /src\n`, /a URL/],
  [
    'a variable',
    (b) => `FROM ${b}\nARG SRC=http://10.0.0.1/x\nADD $SRC /x\n`,
    /line 3: \$SRC is a variable/,
  ],
  ['an ONBUILD trigger', (b) => `FROM ${b}\nONBUILD ADD http://10.0.0.1/x /x\n`, /line 2/],
]

describe('builds that would make the engine fetch from outside the context', () => {
  it.each(OUTSIDE)('refuses %s in a JSON Dockerfile to an operator', async (_form, file, why) => {
    const operator = await h.as('operator')
    const tag = `${h.uniqueName('reach')}:1`

    const res = await operator.post(`${images}/build`, {
      dockerfile: file(h.fixtureImage),
      tags: [tag],
      labels: h.labels,
    })

    await expectApiError(res, 403, 'forbidden', why)
    expect(await imageExists(tag)).toBe(false)
  })

  it.each<[string, Entry[], { dockerfile?: string; gzip?: boolean }]>([
    ['the Dockerfile', [{ name: 'Dockerfile', content: OUTSIDE[0]?.[1]('B') }], {}],
    [
      'a named Dockerfile, gzip',
      [{ name: './build/Containerfile', content: OUTSIDE[3]?.[1]('B') }],
      { dockerfile: 'build/Containerfile', gzip: true },
    ],
    [
      'the later of two entries with one name',
      [
        { name: 'Dockerfile', content: 'FROM B\n' },
        { name: 'Dockerfile', content: OUTSIDE[0]?.[1]('B') },
      ],
      {},
    ],
    [
      'a file of that name behind a folder link',
      [
        { name: 'real/Dockerfile', content: OUTSIDE[0]?.[1]('B') },
        { name: 'sub', type: 'symlink', linkname: 'real' },
      ],
      { dockerfile: 'sub/Dockerfile' },
    ],
    ['a Dockerfile that is a link', [{ name: 'Dockerfile', type: 'symlink', linkname: 'x' }], {}],
  ])('refuses %s of an uploaded context', async (_form, entries, options) => {
    const operator = await h.as('operator')
    const tag = `${h.uniqueName('reach')}:1`
    const withBase = entries.map((e) => ({
      ...e,
      content: e.content?.replace('FROM B', `FROM ${h.fixtureImage}`),
    }))
    const tar = await tarOf(withBase)
    const { gzip, dockerfile } = options
    const query = new URLSearchParams({
      tags: tag,
      labels: JSON.stringify(h.labels),
      ...(dockerfile ? { dockerfile } : {}),
    })

    const res = await operator.request('POST', `${images}/build?${query.toString()}`, {
      raw: gzip ? gzipSync(tar) : tar,
      headers: { 'Content-Type': 'application/x-tar' },
    })

    await expectApiError(res, 403, 'forbidden', /Only an admin may build/)
    expect(await imageExists(tag)).toBe(false)
  })

  it("refuses a base image's ONBUILD ADD from a URL, a base not on the host, and pull", async () => {
    const admin = await h.as('admin')
    const operator = await h.as('operator')
    const base = `${h.uniqueName('onbuild')}:1`
    const built = await admin.post(`${images}/build`, {
      dockerfile: `FROM ${h.fixtureImage}\nONBUILD ADD http://10.0.0.1/x /x\n`,
      tags: [base],
      labels: h.labels,
    })
    expect(built.status).toBe(200)
    await built.text()
    expect(await imageExists(base)).toBe(true)
    const tag = `${h.uniqueName('child')}:1`
    const build = (dockerfile: string, extra: Record<string, unknown> = {}) =>
      operator.post(`${images}/build`, { dockerfile, tags: [tag], labels: h.labels, ...extra })

    await expectApiError(
      await build(`FROM ${base}\nRUN true\n`),
      403,
      'forbidden',
      new RegExp(`${base} ONBUILD line 1`),
    )
    await expectApiError(
      await build(`ARG BASE=${base}\nFROM \${BASE}\n`),
      403,
      'forbidden',
      /ONBUILD/,
    )
    await expectApiError(
      await build(`FROM ${h.uniqueName('absent')}:1\n`),
      409,
      'conflict',
      /Pull .* first/,
    )
    await expectApiError(
      await build(`FROM ${h.fixtureImage}\n`, { pull: true }),
      403,
      'forbidden',
      /pull/,
    )
    expect(await imageExists(tag)).toBe(false)
  })

  it('builds from local files and earlier stages, and lets an admin ADD a URL', async () => {
    const operator = await h.as('operator')
    const admin = await h.as('admin')
    const tag = `${h.uniqueName('inside')}:1`

    const inside = await operator.post(`${images}/build`, {
      dockerfile: `FROM ${h.fixtureImage} AS first\nRUN echo hi > /hi\nFROM first\nRUN cat /hi\n`,
      tags: [tag],
      labels: h.labels,
    })
    expect(inside.status).toBe(200)
    await inside.text()
    expect(await imageExists(tag)).toBe(true)

    const byAdmin = await admin.post(`${images}/build`, {
      dockerfile: OUTSIDE[0]?.[1](h.fixtureImage),
      labels: h.labels,
    })
    // The engine tries (and fails: nothing listens there): the point is it was not refused.
    expect(byAdmin.status).toBe(200)
    await byAdmin.text()
  })
})
