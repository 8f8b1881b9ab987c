import { docker, uniqueName } from '@harbormaster/testkit'
import { pack } from 'tar-stream'
import { describe, expect, it } from 'vitest'
import { EngineNotFoundError, EngineStreamError, type ProgressEvent } from '../src/index.ts'
import { useTestEngine } from './engine-fixture.ts'

async function contextTar(files: Record<string, string>): Promise<Buffer> {
  const tar = pack()
  for (const [name, content] of Object.entries(files)) tar.entry({ name }, content)
  tar.finalize()
  return Buffer.concat(await Array.fromAsync(tar as AsyncIterable<Buffer>))
}

describe('images against a real engine', () => {
  const { engine, info, labels } = useTestEngine()

  it('builds from a context with streamed output, then inspects, tags, lists and removes', async () => {
    const tag = `${uniqueName('img')}:1`
    const dockerfile = `FROM ${info.fixtureImage}\nARG WORD\nRUN echo "$WORD" > /built\n`

    const events: ProgressEvent[] = []
    const stream = await engine.images.build(await contextTar({ Dockerfile: dockerfile }), {
      tags: [tag],
      labels,
      buildArgs: { WORD: 'from-arg' },
    })
    for await (const event of stream) events.push(event)

    expect(events.some((e) => e.stream?.startsWith('Step 1/'))).toBe(true)
    const built = events.find((e) => e.aux?.ID)?.aux?.ID
    const image = await engine.images.inspect(tag)
    expect(image.id).toBe(built)
    expect(image.repoTags).toContain(tag)
    expect(image.config.labels).toMatchObject(labels)
    const { stdout } = await docker(info.dockerHost, ['run', '--rm', tag, 'cat', '/built'])
    expect(stdout).toBe('from-arg\n')

    const alias = uniqueName('alias')
    await engine.images.tag(tag, { repo: alias, tag: '2' })
    const listed = await engine.images.list({ filters: { reference: [alias] } })
    expect(listed.map((i) => i.id)).toEqual([image.id])
    expect((await engine.images.history(tag)).length).toBeGreaterThan(1)

    const removals = await engine.images.remove(`${alias}:2`)
    expect(removals).toEqual([{ untagged: `${alias}:2` }])
  })

  it('ends a failing build with the engine error although the status was 200', async () => {
    const stream = await engine.images.build(
      await contextTar({ Dockerfile: `FROM ${info.fixtureImage}\nRUN exit 3\n` }),
      { labels },
    )

    const reading = Array.fromAsync(stream)

    await expect(reading).rejects.toBeInstanceOf(EngineStreamError)
    await expect(reading).rejects.toThrow(/returned a non-zero code: 3/)
  })

  it('imports a tarball, saves it as a tar, and keeps the engine error for an unknown image', async () => {
    const repo = uniqueName('imported')
    const events = await Array.fromAsync(
      await engine.images.importTarball(await contextTar({ 'hello.txt': 'hi' }), {
        repo,
        tag: '1',
      }),
    )
    expect(events.at(-1)?.status).toMatch(/^sha256:/)

    const saved = await engine.images.save([`${repo}:1`])
    const bytes = (await Array.fromAsync(saved as AsyncIterable<Buffer>)).reduce(
      (sum: number, chunk: Buffer) => sum + chunk.length,
      0,
    )
    expect(bytes).toBeGreaterThan(1024)
    await engine.images.remove(`${repo}:1`)

    await expect(engine.images.inspect(`${repo}:1`)).rejects.toBeInstanceOf(EngineNotFoundError)
  })

  it('reports the engine error for a pull from a registry that cannot be reached', async () => {
    const pulling = engine.images.pull('127.0.0.1:1/hm/nothing', { tag: '1' })

    await expect(pulling).rejects.toMatchObject({
      status: 500,
      message: expect.stringContaining('127.0.0.1:1'),
    })
  })
})
