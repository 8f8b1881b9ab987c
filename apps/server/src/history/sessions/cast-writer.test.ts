import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, it } from 'vitest'
import { CastWriter } from './cast-writer.ts'

const dirs: string[] = []
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true })
})

function writer(options: { maxBytes?: number; highWaterBytes?: number; withInput?: boolean } = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'hm-cast-'))
  dirs.push(dir)
  const path = join(dir, 'test.cast')
  const cast = new CastWriter({
    path,
    header: { width: 80, height: 24, title: 't' },
    withInput: options.withInput ?? false,
    maxBytes: options.maxBytes ?? 1024 * 1024,
    ...(options.highWaterBytes === undefined ? {} : { highWaterBytes: options.highWaterBytes }),
  })
  const lines = () =>
    readFileSync(path, 'utf8')
      .trim()
      .split('\n')
      .map((line) => JSON.parse(line) as unknown)
  return { cast, lines }
}

describe('an asciicast v2 writer', () => {
  it('writes a character split across two chunks whole, and input only when asked', async () => {
    const { cast, lines } = writer()
    const bytes = Buffer.from('caf\u00e9 \u{1F600}!', 'utf8')
    cast.output(bytes.subarray(0, 4))
    cast.output(bytes.subarray(4, 8))
    cast.output(bytes.subarray(8))
    cast.input(Buffer.from('secret\n'))

    const result = await cast.close()

    const [header, ...events] = lines()
    expect(header).toMatchObject({
      version: 2,
      width: 80,
      height: 24,
      env: { TERM: 'xterm-256color' },
    })
    const output = (events as [number, string, string][]).filter(([, code]) => code === 'o')
    expect(output.map(([, , data]) => data).join('')).toBe('caf\u00e9 \u{1F600}!')
    expect(events.some((event) => (event as unknown[])[1] === 'i')).toBe(false)
    expect(result).toEqual({ bytes: readFileSync(join(dirs[0]!, 'test.cast')).length, note: null })
  })

  it('drops what a slow disk cannot take instead of buffering it, and says so', async () => {
    const { cast, lines } = writer({ highWaterBytes: 64 * 1024 })
    // All in one tick: nothing reaches the disk meanwhile, as with a disk that stalls.
    for (let i = 0; i < 1000; i++) cast.output(Buffer.alloc(1024, 0x61))

    const result = await cast.close()

    expect(result.bytes).toBeLessThan(70 * 1024 + 1100)
    expect(result.note).toMatch(/bytes left out: the disk was too slow/)
    expect(lines().length).toBeLessThan(80)
  })

  it('stops at its size bound', async () => {
    const { cast } = writer({ maxBytes: 10_000 })
    for (let i = 0; i < 100; i++) cast.output(Buffer.alloc(500, 0x62))

    const result = await cast.close()

    expect(result.bytes).toBeLessThanOrEqual(10_000)
    expect(result.note).toBe('stopped at the recordings size bound')
  })
})
