import { Transform, type TransformCallback } from 'node:stream'

/**
 * The engine has no call to end an exec's process, and closing the hijacked connection does not
 * end it (its TTY stays open in the engine): shells pile up after tabs close. So the command is
 * started through `sh`, which announces its PID in a private terminal sequence and then replaces
 * itself with the command (same PID); the server strips the sequence from the output and, when
 * the browser goes away, sends that PID a SIGHUP through a second exec, as a terminal would.
 */
export function withPidAnnouncement(cmd: string[]): string[] {
  return [
    '/bin/sh',
    '-c',
    `printf '${MARKER_START}%s${MARKER_END}' "$$"; exec "$@"`,
    'harbormaster',
    ...cmd,
  ]
}

const MARKER_START = '\\033]7770;hm-pid='
const MARKER_END = '\\007'
const ESC = String.fromCharCode(0x1b)
const BEL = String.fromCharCode(0x07)
const MARKER = new RegExp(`${ESC}\\]7770;hm-pid=(\\d+)${BEL}`)
/** The sequence comes first; give up looking after this many bytes. */
const SEARCH_BYTES = 256

/** Strips the announcement from the start of the output and reports the PID. */
export class PidAnnouncementFilter extends Transform {
  #pending: Buffer | undefined = Buffer.alloc(0)
  readonly #onPid: (pid: number) => void

  constructor(onPid: (pid: number) => void) {
    super()
    this.#onPid = onPid
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, done: TransformCallback): void {
    if (this.#pending === undefined) {
      done(null, chunk)
      return
    }
    const buffer = Buffer.concat([this.#pending, chunk])
    const match = MARKER.exec(buffer.toString('latin1'))
    if (match) {
      this.#onPid(Number(match[1]))
      this.#pending = undefined
      done(
        null,
        Buffer.concat([
          buffer.subarray(0, match.index),
          buffer.subarray(match.index + match[0].length),
        ]),
      )
    } else if (buffer.length > SEARCH_BYTES) {
      this.#pending = undefined
      done(null, buffer)
    } else {
      this.#pending = buffer
      done()
    }
  }

  override _flush(done: TransformCallback): void {
    done(null, this.#pending && this.#pending.length > 0 ? this.#pending : undefined)
  }
}
