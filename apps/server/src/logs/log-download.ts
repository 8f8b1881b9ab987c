import type { StdioFrame } from '@harbormaster/engine'
import { LineSplitter } from './log-lines.ts'
import { attachmentDisposition } from '../platform/attachment.ts'

/** Text is written to the response in pieces of about this many characters. */
const WRITE_CHARS = 64 * 1024

/**
 * Writes a log as plain text: stdout and stderr merged in the engine's order, each line ended by
 * `\n` (a TTY's `\r\n` too). Each write waits for the response to take the previous one, so a
 * slow download slows the engine instead of growing a buffer here. A line the engine cut
 * (partial) is written without a line end, so the file holds the log as it was written.
 */
export async function writeLogText(
  frames: AsyncIterable<StdioFrame>,
  write: (text: string) => Promise<unknown>,
): Promise<void> {
  let pending = ''
  const splitter = new LineSplitter((line) => {
    pending += line.partial ? line.text : `${line.text}\n`
  })
  for await (const frame of frames) {
    splitter.write(frame.stream, frame.data)
    if (pending.length >= WRITE_CHARS) {
      const text = pending
      pending = ''
      await write(text)
    }
  }
  splitter.end()
  if (pending !== '') await write(pending)
}

/** The download's disposition: named after the container, as data (see attachmentDisposition). */
export function logFileDisposition(containerName: string): string {
  return attachmentDisposition(containerName === '' ? 'container' : containerName, 'log')
}
