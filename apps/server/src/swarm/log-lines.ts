import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream'
import type { LogLine, ServiceLogLine } from '@harbormaster/contract'
import { StdioDemuxer, type StdioFrame } from '@harbormaster/engine'
import { LineSplitter } from '../logs/index.ts'

/**
 * The frames of a logs body: demultiplexed without a TTY, or the raw bytes as stdout with one
 * (chosen by the service's TTY setting, never by Content-Type). Destroying the body, as aborting
 * its request does, ends the frames too.
 */
export function logFrames(body: Readable, tty: boolean): AsyncIterable<StdioFrame> {
  if (tty) return rawFrames(body)
  const demuxer = new StdioDemuxer()
  pipeline(body, demuxer, () => undefined)
  return demuxer
}

async function* rawFrames(body: Readable): AsyncGenerator<StdioFrame> {
  for await (const chunk of body as AsyncIterable<Buffer>) yield { stream: 'stdout', data: chunk }
}

/**
 * The frames as text lines, per stream, split by the logs machinery's LineSplitter (one decoder
 * per stream, `\n` or `\r\n`, long lines in pieces), so a service's log reads exactly like a
 * container's.
 */
export async function* logLines(frames: AsyncIterable<StdioFrame>): AsyncGenerator<ServiceLogLine> {
  const ready: LogLine[] = []
  const splitter = new LineSplitter((line) => ready.push(line))
  const take = () => ready.splice(0).map(({ stream, text }) => ({ stream, line: text }))
  try {
    for await (const { stream, data } of frames) {
      splitter.write(stream, data)
      yield* take()
    }
    splitter.end()
    yield* take()
  } finally {
    splitter.dispose()
  }
}
