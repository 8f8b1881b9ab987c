import type { StdioFrame } from '@harbormaster/engine'
import { LineSplitter } from './log-lines.ts'

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

/** RFC 6266: an ASCII fallback and the exact name encoded; a name is data, never header text. */
export function logFileDisposition(containerName: string): string {
  const name = containerName === '' ? 'container' : containerName
  const fallback = name.replace(/[^\w.-]/g, '_')
  return `attachment; filename="${fallback}.log"; filename*=UTF-8''${encodeRfc5987(name)}.log`
}

function encodeRfc5987(value: string): string {
  return encodeURIComponent(value).replace(
    /['()*!]/g,
    (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`,
  )
}
