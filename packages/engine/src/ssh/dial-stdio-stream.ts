import { Duplex } from 'node:stream'
import type { ClientChannel } from 'ssh2'
import { SshError } from './ssh-errors.ts'

/** What the remote shell says when `docker` is not on its PATH (sh, bash, zsh, busybox). */
const NOT_FOUND = /not found|no such file/i
const MAX_STDERR = 4096

/**
 * One `docker system dial-stdio` channel dressed as the socket node:http expects: the engine's
 * bytes on stdout, ours on stdin. A channel that ends before the engine said a byte is checked
 * for a missing docker CLI (exit 127, "not found" on stderr) once the channel closes, so the
 * caller learns why instead of "socket hang up". Socket tuning calls are no-ops: SSH keeps the
 * connection alive, not TCP.
 */
export class DialStdioStream extends Duplex {
  readonly #channel: ClientChannel
  readonly #host: string
  #sawData = false
  #exitCode: number | undefined
  #stderr = ''

  constructor(channel: ClientChannel, host: string) {
    super({ allowHalfOpen: true })
    this.#channel = channel
    this.#host = host
    channel.on('data', (chunk: Buffer) => {
      this.#sawData = true
      if (!this.push(chunk)) channel.pause()
    })
    channel.stderr.on('data', (chunk: Buffer) => {
      if (this.#stderr.length < MAX_STDERR) this.#stderr += chunk.toString('utf8')
    })
    channel.on('exit', (code: number | null) => {
      this.#exitCode = code ?? undefined
    })
    channel.on('end', () => {
      if (this.#sawData) this.push(null)
    })
    channel.on('close', () => {
      this.#onClose()
    })
    channel.on('error', (error: Error) => this.destroy(error))
  }

  override _read(): void {
    this.#channel.resume()
  }

  override _write(chunk: Buffer, _encoding: BufferEncoding, callback: (e?: Error) => void): void {
    if (this.#channel.write(chunk)) callback()
    else
      this.#channel.once('drain', () => {
        callback()
      })
  }

  override _final(callback: (e?: Error) => void): void {
    this.#channel.end()
    callback()
  }

  override _destroy(error: Error | null, callback: (e?: Error | null) => void): void {
    this.#channel.destroy()
    callback(error)
  }

  #onClose(): void {
    if (this.#sawData) {
      this.push(null)
      // node:http drops an idle pooled socket on 'close' only, so close once what is buffered
      // has been read (at once when nothing is: the usual case for an idle channel).
      if (this.readableLength === 0) this.destroy()
      else this.once('end', () => this.destroy())
      return
    }
    const missing = this.#exitCode === 127 || NOT_FOUND.test(this.#stderr)
    if (missing) {
      const message = `The remote side of ${this.#host} has no docker CLI: ${this.#stderr.trim()}`
      this.destroy(new SshError(this.#host, 'no-docker-cli', message))
    } else if (this.#stderr.trim() !== '') {
      this.destroy(new SshError(this.#host, 'unreachable', this.#stderr.trim()))
    } else {
      this.push(null)
    }
  }

  setKeepAlive(): this {
    return this
  }

  setNoDelay(): this {
    return this
  }

  setTimeout(_ms: number, callback?: () => void): this {
    if (callback) this.once('timeout', callback)
    return this
  }

  ref(): this {
    return this
  }

  unref(): this {
    return this
  }
}
