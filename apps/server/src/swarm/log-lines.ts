import type { Readable } from 'node:stream'
import { pipeline } from 'node:stream'
import type { ServiceLogLine } from '@harbormaster/contract'
import { StdioDemuxer, type StdioFrame } from '@harbormaster/engine'

/** A line longer than this is passed on in pieces rather than held in memory whole. */
const MAX_LINE_BYTES = 64 * 1024

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
 * Splits frames into text lines, per stream. Lines are cut in bytes at `\n` and decoded once
 * each: a UTF-8 character never contains the newline byte, so none is split.
 */
export async function* logLines(frames: AsyncIterable<StdioFrame>): AsyncGenerator<ServiceLogLine> {
  const pending: Record<StdioFrame['stream'], Buffer> = {
    stdout: Buffer.alloc(0),
    stderr: Buffer.alloc(0),
  }
  for await (const { stream, data } of frames) {
    let buffer = pending[stream].length === 0 ? data : Buffer.concat([pending[stream], data])
    let newline = buffer.indexOf(0x0a)
    while (newline !== -1) {
      yield { stream, line: text(buffer.subarray(0, newline)) }
      buffer = buffer.subarray(newline + 1)
      newline = buffer.indexOf(0x0a)
    }
    if (buffer.length > MAX_LINE_BYTES) {
      yield { stream, line: text(buffer) }
      buffer = Buffer.alloc(0)
    }
    pending[stream] = buffer
  }
  for (const stream of ['stdout', 'stderr'] as const) {
    if (pending[stream].length > 0) yield { stream, line: text(pending[stream]) }
  }
}

function text(bytes: Buffer): string {
  return bytes.toString('utf8').replace(/\r$/, '')
}
