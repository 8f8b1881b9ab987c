import { Terminal } from '@xterm/xterm'
import '@xterm/xterm/css/xterm.css'
import { type RefObject, useEffect, useRef, useState } from 'react'
import { terminalTheme } from '../../exec/terminal-theme.ts'
import { Button, layout, texts, useColorScheme } from '../../ui/index.ts'
import type { Cast } from './cast.ts'
import { CastPlayback, type PlaybackState, type Speed } from './cast-playback.ts'
import styles from './cast-player.module.css'

const SPEEDS: Speed[] = [1, 2, 4]

/** m:ss.s: a session of a few seconds still shows it moving. */
const clock = (seconds: number) => {
  const minutes = Math.floor(seconds / 60)
  return `${minutes}:${(seconds - minutes * 60).toFixed(1).padStart(4, '0')}`
}

/**
 * Replays a recorded terminal session in xterm: play/pause, speed, and a slider to seek. The
 * terminal takes no input (it is a recording) and the container's OSC 8/52 are not honoured.
 */
export function CastPlayer({
  cast,
  onTerminal,
}: {
  cast: Cast
  /** Tests: the terminal the replay writes to. */
  onTerminal?: (terminal: Terminal | null) => void
}) {
  const paneRef = useRef<HTMLDivElement>(null)
  const playback = useRef<CastPlayback | null>(null)
  const terminal = useRef<Terminal | null>(null)
  const [state, setState] = useState<PlaybackState>({ playing: false, position: 0, speed: 1 })
  const theme = terminalTheme(useColorScheme())
  useEffect(() => {
    const pane = paneRef.current
    if (!pane) return
    const term = new Terminal({
      cols: cast.width,
      rows: cast.height,
      disableStdin: true,
      scrollback: 5000,
      linkHandler: null,
      fontFamily: 'ui-monospace, SFMono-Regular, Menlo, Consolas, monospace',
      fontSize: 13,
    })
    const osc8 = term.parser.registerOscHandler(8, () => true)
    const osc52 = term.parser.registerOscHandler(52, () => true)
    term.open(pane)
    terminal.current = term
    onTerminal?.(term)
    const player = new CastPlayback(
      cast,
      {
        reset: () => {
          term.reset()
        },
        write: (data) => {
          term.write(data)
        },
        resize: (cols, rows) => {
          term.resize(cols, rows)
        },
      },
      setState,
    )
    playback.current = player
    return () => {
      player.dispose()
      playback.current = null
      osc8.dispose()
      osc52.dispose()
      onTerminal?.(null)
      terminal.current = null
      term.dispose()
    }
  }, [cast, onTerminal])
  useEffect(() => {
    // The theme follows the system's scheme live; the replay goes on.
    if (terminal.current) terminal.current.options.theme = theme
  }, [theme, cast])
  return (
    <div className={styles.player}>
      <PlayerControls state={state} duration={cast.duration} playback={playback} />
      <div className={layout.card}>
        <div className={styles.pane} style={{ background: theme.background }} ref={paneRef} />
      </div>
    </div>
  )
}

function PlayerControls({
  state,
  duration,
  playback,
}: {
  state: PlaybackState
  duration: number
  playback: RefObject<CastPlayback | null>
}) {
  return (
    <div className={styles.controls}>
      <Button
        variant="primary"
        onClick={() => {
          if (state.playing) playback.current?.pause()
          else playback.current?.play()
        }}
      >
        {state.playing ? 'Pause' : 'Play'}
      </Button>
      <label>
        Speed{' '}
        <select
          aria-label="Speed"
          value={state.speed}
          onChange={(e) => playback.current?.setSpeed(Number(e.target.value) as Speed)}
        >
          {SPEEDS.map((speed) => (
            <option key={speed} value={speed}>
              {speed}×
            </option>
          ))}
        </select>
      </label>
      <input
        className={styles.slider}
        type="range"
        aria-label="Position"
        min={0}
        max={duration}
        step="any"
        value={state.position}
        onChange={(e) => playback.current?.seek(Number(e.target.value))}
      />
      <span className={texts.mono}>
        {clock(state.position)} / {clock(duration)}
      </span>
    </div>
  )
}
