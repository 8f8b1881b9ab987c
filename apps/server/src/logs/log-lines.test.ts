import { Readable } from 'node:stream'
import type { LogLine } from '@harbormaster/contract'
import type { StdioFrame } from '@harbormaster/engine'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { BATCH_BYTES, BATCH_DELAY_MS, LineBatcher } from './line-batcher.ts'
import { writeLogText, logFileDisposition } from './log-download.ts'
import { LineSplitter, MAX_LINE_CHARS, QUIET_MS } from './log-lines.ts'
import { toEngineTime, toLogOptions } from './log-query.ts'

function splitter(options: { quietMs?: number } = {}) {
  const lines: LogLine[] = []
  const s = new LineSplitter((line) => lines.push(line), options)
  return { s, lines }
}

describe('LineSplitter', () => {
  afterEach(() => {
    vi.useRealTimers()
  })

  it('splits on \\n and \\r\\n, per stream, holding a partial line until its end arrives', () => {
    const { s, lines } = splitter()
    s.write('stdout', Buffer.from('one\r\ntw'))
    s.write('stderr', Buffer.from('err\n'))
    s.write('stdout', Buffer.from('o\n\nthree'))
    expect(lines).toEqual([
      { stream: 'stdout', text: 'one' },
      { stream: 'stderr', text: 'err' },
      { stream: 'stdout', text: 'two' },
      { stream: 'stdout', text: '' },
    ])
    s.end()
    expect(lines.at(-1)).toEqual({ stream: 'stdout', text: 'three', partial: true })
  })

  it('decodes a character split across frames whole, with a decoder per stream', () => {
    const { s, lines } = splitter()
    const euro = Buffer.from('€\n') // e2 82 ac 0a
    s.write('stdout', euro.subarray(0, 1))
    s.write('stderr', Buffer.from('é', 'utf8').subarray(0, 1))
    s.write('stdout', euro.subarray(1, 2))
    s.write('stderr', Buffer.concat([Buffer.from('é').subarray(1), Buffer.from('\n')]))
    s.write('stdout', euro.subarray(2))
    expect(lines).toEqual([
      { stream: 'stderr', text: 'é' },
      { stream: 'stdout', text: '€' },
    ])
  })

  it('sends a held partial line after a quiet spell, and cuts a long line into marked pieces', () => {
    vi.useFakeTimers()
    const { s, lines } = splitter({ quietMs: QUIET_MS })
    s.write('stdout', Buffer.from('Continue? '))
    vi.advanceTimersByTime(QUIET_MS - 1)
    expect(lines).toEqual([])
    vi.advanceTimersByTime(1)
    expect(lines).toEqual([{ stream: 'stdout', text: 'Continue? ', partial: true }])

    lines.length = 0
    s.write('stderr', Buffer.from(`${'x'.repeat(MAX_LINE_CHARS - 1)}😀${'y'.repeat(10)}\n`))
    expect(lines.map((l) => [l.text.length, l.partial])).toEqual([
      [MAX_LINE_CHARS - 1, true], // not between the halves of 😀
      [12, undefined],
    ])
    s.dispose()
  })
})

describe('LineBatcher', () => {
  it('sends a batch when it reaches BATCH_BYTES or BATCH_DELAY_MS after its first line', () => {
    vi.useFakeTimers()
    const batches: LogLine[][] = []
    const b = new LineBatcher((lines) => batches.push(lines))
    b.add({ stream: 'stdout', text: 'a' })
    b.add({ stream: 'stdout', text: 'b' })
    vi.advanceTimersByTime(BATCH_DELAY_MS - 1)
    expect(batches).toEqual([])
    vi.advanceTimersByTime(1)
    expect(batches.map((batch) => batch.length)).toEqual([2])

    const big = 'z'.repeat(1024)
    for (let i = 0; i < 64; i++) b.add({ stream: 'stdout', text: big })
    expect(batches.length).toBeGreaterThanOrEqual(2)
    expect(batches[1]!.reduce((n, l) => n + l.text.length, 0)).toBeLessThanOrEqual(BATCH_BYTES)
    b.dispose()
    vi.useRealTimers()
  })
})

describe('log query and download helpers', () => {
  it('turns RFC 3339 times (keeping nanoseconds), dates and durations into Unix seconds', () => {
    const now = Date.parse('2026-01-01T00:10:00Z')
    expect(toEngineTime('1700000000.5', 'since', now)).toBe('1700000000.5')
    expect(toEngineTime('2026-01-01T00:00:00.123456789Z', 'since', now)).toBe(
      `${now / 1000 - 600}.123456789`,
    )
    expect(toEngineTime('2026-01-01T01:00:00+01:00', 'since', now)).toBe(
      `${now / 1000 - 600}.000000000`,
    )
    expect(toEngineTime('2026-01-01', 'since', now)).toBe(String(now / 1000 - 600))
    expect(toEngineTime('1h30m', 'since', now)).toBe((now / 1000 - 5400).toFixed(3))
    expect(() => toEngineTime('yesterday', 'until', now)).toThrow(/query\.until: expected/)
    expect(() =>
      toLogOptions({ tail: 'all', timestamps: false, stdout: false, stderr: false }),
    ).toThrow(/choose stdout, stderr or both/)
  })

  it('writes merged lines as text, keeping lines the engine cut whole, and names the file safely', async () => {
    const frames: StdioFrame[] = [
      { stream: 'stdout', data: Buffer.from('out 1\r\nout ') },
      { stream: 'stderr', data: Buffer.from('err 1\n') },
      { stream: 'stdout', data: Buffer.from('2\nno newline') },
    ]
    let text = ''
    await writeLogText(Readable.from(frames), (piece) => {
      text += piece
      return Promise.resolve()
    })
    expect(text).toBe('out 1\nerr 1\nout 2\nno newline')
    expect(logFileDisposition('web_1')).toBe(
      `attachment; filename="web_1.log"; filename*=UTF-8''web_1.log`,
    )
    expect(logFileDisposition('a"b\'c')).toBe(
      `attachment; filename="a_b_c.log"; filename*=UTF-8''a%22b%27c.log`,
    )
  })
})
