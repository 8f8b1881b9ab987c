// @vitest-environment jsdom
import '../../../test/dom.ts'
import { fireEvent, render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { Terminal } from '@xterm/xterm'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { parseCast } from './cast.ts'
import { CastPlayer } from './cast-player.tsx'

beforeEach(() => {
  vi.stubGlobal('matchMedia', () => ({
    matches: false,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
    addListener: () => undefined,
    removeListener: () => undefined,
  }))
})

const EVENTS: [number, string, string][] = [
  [0.05, 'o', 'first line\r\n'],
  [0.1, 'o', 'caf\u00e9 \x1b[1mbold\x1b[0m\r\n'],
  [0.15, 'r', '50x12'],
  [0.2, 'i', 'typed\r'],
  [0.25, 'o', '\x1b[2J\x1b[Hcleared, then '],
  [0.3, 'o', 'the last line'],
]
const castText = (events: [number, string, string][], idle = 2) =>
  [
    JSON.stringify({ version: 2, width: 60, height: 8, idle_time_limit: idle }),
    ...events.map((e) => JSON.stringify(e)),
  ].join('\n')

/** The terminal's visible text, line by line, trailing blanks trimmed. */
const screenOf = (term: Terminal) => {
  const buffer = term.buffer.active
  const lines: string[] = []
  for (let i = 0; i < term.rows; i++)
    lines.push(buffer.getLine(buffer.viewportY + i)?.translateToString(true) ?? '')
  return { cols: term.cols, rows: term.rows, text: lines.join('\n').trimEnd() }
}

function renderPlayer(text: string) {
  let terminal: Terminal | null = null
  const onTerminal = (term: Terminal | null) => {
    terminal = term
  }
  const view = render(<CastPlayer cast={parseCast(text)} onTerminal={onTerminal} />)
  const term = () => {
    if (!terminal) throw new Error('no terminal')
    return terminal
  }
  return { view, term }
}

describe('CastPlayer', () => {
  it('plays the output (not the input) and applies resizes, then stops at the end', async () => {
    const { term } = renderPlayer(castText(EVENTS))
    await userEvent.setup().click(screen.getByRole('button', { name: 'Play' }))

    await waitFor(() => {
      expect(screenOf(term()).text).toContain('cleared, then the last line')
    })
    expect(screenOf(term())).toMatchObject({ cols: 50, rows: 12 })
    expect(screenOf(term()).text).not.toContain('typed')
    await screen.findByRole('button', { name: 'Play' })
  })

  it('pauses: nothing more is written until it plays again', async () => {
    // A minute between the two lines (the idle cap lifted): pausing in between is certain.
    const slow: [number, string, string][] = [
      [0.01, 'o', 'one\r\n'],
      [60, 'o', 'two\r\n'],
    ]
    const { term } = renderPlayer(castText(slow, 120))
    const user = userEvent.setup()
    await user.click(screen.getByRole('button', { name: 'Play' }))
    await waitFor(() => {
      expect(screenOf(term()).text).toContain('one')
    })
    await user.click(screen.getByRole('button', { name: 'Pause' }))
    const paused = Number(screen.getByLabelText<HTMLInputElement>('Position').value)

    expect(paused).toBeLessThan(60)
    expect(screenOf(term()).text).not.toContain('two')
    expect(screen.getByRole('button', { name: 'Play' })).toBeTruthy()
    fireEvent.change(screen.getByLabelText('Position'), { target: { value: '59.9' } })
    expect(screenOf(term()).text).not.toContain('two')
    await user.click(screen.getByRole('button', { name: 'Play' }))
    await waitFor(() => {
      expect(screenOf(term()).text).toContain('two')
    })
  })

  it('seeking gives the screen playing to that point gives', async () => {
    const upTo = 0.27
    const played = renderPlayer(castText(EVENTS.filter(([at]) => at <= upTo)))
    await userEvent.setup().click(screen.getByRole('button', { name: 'Play' }))
    await waitFor(() => {
      expect(screenOf(played.term()).text).toContain('cleared, then')
    })
    await screen.findByRole('button', { name: 'Play' })
    const expected = screenOf(played.term())
    played.view.unmount()

    const sought = renderPlayer(castText(EVENTS))
    // Seek forward past everything, then back: the screen is rebuilt from the start each time.
    fireEvent.change(screen.getByLabelText('Position'), { target: { value: '0.3' } })
    fireEvent.change(screen.getByLabelText('Position'), { target: { value: String(upTo) } })

    await waitFor(() => {
      expect(screenOf(sought.term())).toEqual(expected)
    })
    expect(expected.text).toContain('cleared, then')
    expect(expected.text).not.toContain('the last line')
  })

  it('changes speed', async () => {
    renderPlayer(castText(EVENTS))
    await userEvent.setup().selectOptions(screen.getByLabelText('Speed'), '4')
    expect(screen.getByLabelText<HTMLSelectElement>('Speed').value).toBe('4')
  })
})
