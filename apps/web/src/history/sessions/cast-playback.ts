import { type Cast, sizeOf } from './cast.ts'

/** What a replay writes to: an xterm Terminal has all three. */
export interface Screen {
  reset(): void
  write(data: string): void
  resize(cols: number, rows: number): void
}

export type Speed = 1 | 2 | 4

export interface PlaybackState {
  playing: boolean
  /** Seconds into the replay (gaps capped). */
  position: number
  speed: Speed
}

/** The slider moves at least this often while a long gap plays. */
const TICK_MS = 250

/**
 * Plays a cast into a screen: output events are written at their time divided by the speed,
 * resizes applied; input and markers are not shown. Seeking resets the screen and writes every
 * event up to that time at once, so the screen is the one playing would have reached.
 */
export class CastPlayback {
  readonly #cast: Cast
  readonly #screen: Screen
  readonly #onChange: (state: PlaybackState) => void
  #next = 0
  #position = 0
  #speed: Speed = 1
  #timer: ReturnType<typeof setTimeout> | undefined
  #anchor: { wall: number; position: number } | undefined

  constructor(cast: Cast, screen: Screen, onChange: (state: PlaybackState) => void) {
    this.#cast = cast
    this.#screen = screen
    this.#onChange = onChange
    this.seek(0)
  }

  get state(): PlaybackState {
    return { playing: this.#anchor !== undefined, position: this.#position, speed: this.#speed }
  }

  play(): void {
    if (this.#anchor) return
    if (this.#next >= this.#cast.events.length) this.seek(0)
    this.#anchor = { wall: performance.now(), position: this.#position }
    this.#schedule()
    this.#notify()
  }

  pause(): void {
    if (!this.#anchor) return
    this.#advance()
    this.#stopTimer()
    this.#anchor = undefined
    this.#notify()
  }

  setSpeed(speed: Speed): void {
    if (this.#anchor) this.#advance()
    this.#speed = speed
    if (this.#anchor) this.#anchor = { wall: performance.now(), position: this.#position }
    this.#notify()
  }

  seek(position: number): void {
    const target = Math.min(Math.max(0, position), this.#cast.duration)
    this.#screen.reset()
    this.#screen.resize(this.#cast.width, this.#cast.height)
    this.#next = 0
    this.#position = 0
    this.#writeUpTo(target)
    this.#position = target
    if (this.#anchor) {
      this.#anchor = { wall: performance.now(), position: target }
      this.#schedule()
    }
    this.#notify()
  }

  dispose(): void {
    this.#stopTimer()
    this.#anchor = undefined
  }

  #advance(): void {
    if (!this.#anchor) return
    const elapsed = ((performance.now() - this.#anchor.wall) / 1000) * this.#speed
    const position = Math.min(this.#cast.duration, this.#anchor.position + elapsed)
    this.#writeUpTo(position)
    this.#position = position
  }

  #schedule(): void {
    this.#stopTimer()
    const next = this.#cast.events[this.#next]
    if (!next) {
      this.#anchor = undefined
      this.#position = this.#cast.duration
      return
    }
    const wait = ((next.at - this.#position) / this.#speed) * 1000
    this.#timer = setTimeout(
      () => {
        this.#advance()
        this.#schedule()
        this.#notify()
      },
      Math.max(0, Math.min(wait, TICK_MS)),
    )
  }

  /** Writes the events up to `position`, output joined into one write. */
  #writeUpTo(position: number): void {
    let pending = ''
    const events = this.#cast.events
    while (this.#next < events.length) {
      const event = events[this.#next]
      if (!event || event.at > position) break
      this.#next += 1
      if (event.code === 'o') pending += event.data
      else if (event.code === 'r') {
        const size = sizeOf(event.data)
        if (!size) continue
        if (pending !== '') this.#screen.write(pending)
        pending = ''
        this.#screen.resize(size.cols, size.rows)
      }
    }
    if (pending !== '') this.#screen.write(pending)
  }

  #stopTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer)
    this.#timer = undefined
  }

  #notify(): void {
    this.#onChange(this.state)
  }
}
