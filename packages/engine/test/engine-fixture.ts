import type { Readable } from 'node:stream'
import {
  labelsFor,
  newRunId,
  removeLabelled,
  scaled,
  testEngine,
  uniqueName,
} from '@harbormaster/testkit'
import { afterAll } from 'vitest'
import { type ContainerCreateSpec, type StdioFrame, createEngine } from '../src/index.ts'

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

/**
 * Reads a stream until `predicate` holds on the text so far; fails after `deadlineMs`, scaled. Listens
 * with 'data' rather than async iteration, which would destroy the stream when it returns.
 */
export function readUntil(
  stream: Readable,
  predicate: (text: string) => boolean,
  deadlineMs = 10_000,
): Promise<string> {
  const timeoutMs = scaled(deadlineMs)
  return new Promise((resolve, reject) => {
    let text = ''
    const finish = (error?: Error) => {
      clearTimeout(timer)
      stream.off('data', onData)
      stream.off('end', onEnd)
      stream.pause()
      if (error) reject(error)
      else resolve(text)
    }
    const onData = (chunk: Buffer | { data: Buffer }) => {
      text += (Buffer.isBuffer(chunk) ? chunk : chunk.data).toString('utf8')
      if (predicate(text)) finish()
    }
    const onEnd = () => {
      finish(new Error(`stream ended before the expected output; got: ${JSON.stringify(text)}`))
    }
    const timer = setTimeout(() => {
      finish(new Error(`no expected output within ${timeoutMs} ms; got: ${JSON.stringify(text)}`))
    }, timeoutMs)
    stream.on('data', onData)
    stream.once('end', onEnd)
    stream.resume()
  })
}

/** Collects a frame stream (logs, toFrames) with its element type, which Readable loses. */
export function collectFrames(stream: Readable): Promise<StdioFrame[]> {
  return Array.fromAsync(stream as AsyncIterable<StdioFrame>)
}

/** Collects a byte stream into one buffer. */
export async function collectBytes(stream: Readable): Promise<Buffer> {
  return Buffer.concat(await Array.fromAsync(stream as AsyncIterable<Buffer>))
}
