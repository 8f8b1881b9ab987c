import { type Duplex, type Readable, Transform, pipeline } from 'node:stream'
import { type StdioFrame, StdioDemuxer } from './stdio-demuxer.ts'

/**
 * A hijacked attach or exec connection: raw bytes both ways. Write stdin to `socket`; call
 * `socket.end()` to send EOF (half-close) and `socket.destroy()` to hang up, which ends the
 * engine's side of the session.
 */
export interface HijackedStream {
  socket: Duplex
  /** With a TTY the output is raw terminal bytes; without, it is multiplexed (docs/engine.md#stdio-streams). */
  tty: boolean
}

/**
 * The output of a raw or multiplexed stream as frames, whichever it is: raw TTY bytes become
 * stdout frames. Piping keeps backpressure: a paused consumer stops reads from the engine.
 */
export function toFrames(source: Readable, tty: boolean): Readable {
  // pipeline, not pipe: a connection that dies mid-stream must end the frames with an error
  // (pipe would leave them open and silent), and destroying the frames ends the connection.
  const settle = () => undefined
  if (!tty) return pipeline(source, new StdioDemuxer(), settle)
  const toStdout = new Transform({
    readableObjectMode: true,
    readableHighWaterMark: 16,
    transform(chunk: Buffer, _encoding, done) {
      done(null, { stream: 'stdout', data: chunk } satisfies StdioFrame)
    },
  })
  return pipeline(source, toStdout, settle)
}
