import { describe, expect, it } from 'vitest'
import { readNdjson } from '../platform/ndjson.ts'
import { applyProgressLine, emptyPull, layerPercent } from './pull-progress.ts'

describe('applyProgressLine', () => {
  it('tracks each layer and keeps general messages apart', () => {
    const lines = [
      { status: 'Pulling from library/busybox', id: 'latest' },
      { status: 'Pulling fs layer', id: 'a1b2c3' },
      { status: 'Downloading', id: 'a1b2c3', current: 50, total: 200 },
      { status: 'Pull complete', id: 'a1b2c3' },
      { status: 'Digest: sha256:abc' },
    ]
    const state = lines.reduce(applyProgressLine, emptyPull)
    expect(state.layers).toEqual([{ id: 'a1b2c3', status: 'Pull complete' }])
    expect(state.messages).toEqual(['Pulling from library/busybox (latest)', 'Digest: sha256:abc'])
  })

  it('keeps the engine’s error as it is', () => {
    const state = applyProgressLine(emptyPull, {
      error: { code: 'engine_error', message: 'pull access denied for nope' },
    })
    expect(state.error).toBe('pull access denied for nope')
  })

  it('computes a layer’s percentage', () => {
    expect(layerPercent({ id: 'x', status: 'Downloading', current: 50, total: 200 })).toBe(25)
    expect(layerPercent({ id: 'x', status: 'Waiting' })).toBeUndefined()
    expect(layerPercent({ id: 'x', status: 'Already exists' })).toBe(100)
  })
})

describe('readNdjson', () => {
  it('joins lines split across chunks', async () => {
    const chunks = ['{"status":"a"}\n{"sta', 'tus":"b"}\n', '{"status":"c"}']
    const body = new ReadableStream<Uint8Array>({
      start(controller) {
        for (const c of chunks) controller.enqueue(new TextEncoder().encode(c))
        controller.close()
      },
    })
    const seen: unknown[] = []
    await readNdjson(body, (v) => seen.push(v))
    expect(seen).toEqual([{ status: 'a' }, { status: 'b' }, { status: 'c' }])
  })
})
