import { labelsFor, newRunId, removeLabelled, testEngine, uniqueName } from '@harbormaster/testkit'
import { afterAll } from 'vitest'
import { type ContainerCreateSpec, createEngine } from '../src/index.ts'

/**
 * Per-file fixture: an engine client on the shared test engine, a run id whose label marks
 * everything the file creates, and cleanup of exactly those objects afterwards.
 */
export function useTestEngine(options: { apiVersion?: string } = {}) {
  const info = testEngine()
  const runId = newRunId()
  const labels = labelsFor(runId)
  const engine = createEngine({ host: info.dockerHost, ...options })
  afterAll(async () => {
    engine.close()
    await removeLabelled(info.dockerHost, runId)
  })

  /** Creates a labelled container from the fixture image; starts it unless told not to. */
  async function run(spec: Partial<ContainerCreateSpec> & { start?: boolean } = {}) {
    const { start = true, ...rest } = spec
    const name = rest.name ?? uniqueName('ctr')
    const { id } = await engine.containers.create({
      image: info.fixtureImage,
      cmd: ['sleep', '300'],
      ...rest,
      name,
      labels: { ...rest.labels, ...labels },
    })
    if (start) await engine.containers.start(id)
    return { id, name }
  }

  return { info, engine, runId, labels, run }
}

/** Reads a stream until `predicate` holds on the text so far; fails after `timeoutMs`. */
export async function readUntil(
  chunks: AsyncIterable<Buffer | { data: Buffer }>,
  predicate: (text: string) => boolean,
  timeoutMs = 10_000,
): Promise<string> {
  let text = ''
  const read = (async () => {
    for await (const chunk of chunks) {
      text += (Buffer.isBuffer(chunk) ? chunk : chunk.data).toString('utf8')
      if (predicate(text)) return text
    }
    throw new Error(`stream ended before the expected output; got: ${JSON.stringify(text)}`)
  })()
  let timer: NodeJS.Timeout | undefined
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => {
      reject(new Error(`no expected output within ${timeoutMs} ms; got: ${JSON.stringify(text)}`))
    }, timeoutMs)
  })
  try {
    return await Promise.race([read, timeout])
  } finally {
    clearTimeout(timer)
  }
}
