import { Readable } from 'node:stream'
import { describe, expect, it } from 'vitest'
import { EngineProtocolError } from '../errors.ts'
import { type StdioFrame, StdioDemuxer } from './stdio-demuxer.ts'

const frame = (kind: number, text: string) => {
  const payload = Buffer.from(text)
  const header = Buffer.alloc(8)
  header.writeUInt8(kind, 0)
  header.writeUInt32BE(payload.length, 4)
  return Buffer.concat([header, payload])
}

const demux = (chunks: Buffer[]): Promise<StdioFrame[]> =>
  Array.fromAsync(Readable.from(chunks).pipe(new StdioDemuxer()) as AsyncIterable<StdioFrame>)

describe('StdioDemuxer', () => {
  it('reassembles frames split at every byte boundary, multi-byte text included', async () => {
    const wire = Buffer.concat([frame(1, 'héllo '), frame(2, 'wörld')])
    for (let cut = 1; cut < wire.length; cut++) {
      const frames = await demux([wire.subarray(0, cut), wire.subarray(cut)])
      expect(frames.map((f) => [f.stream, f.data.toString()])).toEqual([
        ['stdout', 'héllo '],
        ['stderr', 'wörld'],
      ])
    }
  })

  it('treats stream 0 (stdin echoed) as stdout and keeps empty frames harmless', async () => {
    const frames = await demux([Buffer.concat([frame(0, 'typed'), frame(1, '')])])
    expect(frames.map((f) => [f.stream, f.data.toString()])).toEqual([
      ['stdout', 'typed'],
      ['stdout', ''],
    ])
  })

  it('rejects a corrupt header and a stream that ends inside a frame', async () => {
    await expect(demux([Buffer.from([9, 0, 0, 0, 0, 0, 0, 1, 65])])).rejects.toBeInstanceOf(
      EngineProtocolError,
    )
    await expect(demux([frame(1, 'abcdef').subarray(0, 10)])).rejects.toThrow('inside a frame')
  })
})
