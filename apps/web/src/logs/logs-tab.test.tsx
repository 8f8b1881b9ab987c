// @vitest-environment jsdom
import '../../test/dom.ts'
import { act, render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { Router } from 'wouter'
import { memoryLocation } from 'wouter/memory-location'
import { setupLivePeer } from '../../test/live-peer.ts'
import { LogsTab } from './logs-tab.tsx'

// The logs tab as the container page shows it, its socket a real WebSocket to a peer that
// plays the server's logs endpoint.
const live = setupLivePeer()

function renderLogs(search = '') {
  const location = memoryLocation({
    path: '/hosts/h1/containers/c1/logs',
    searchPath: search,
    record: true,
  })
  const view = render(
    <Router hook={location.hook} searchHook={location.searchHook}>
      <LogsTab hostId="h1" containerId="c1" tty={false} />
    </Router>,
  )
  const log = () => screen.getByRole('log')
  // Each line says which stream it came from (`data-stream`, which also styles it).
  const lineTexts = () =>
    Array.from(log().querySelectorAll('[data-stream]'), (el) => el.textContent ?? '')
  return { ...view, location, log, lineTexts, user: userEvent.setup() }
}

const LINES = [
  { stream: 'stdout', text: '\x1b[31mred alert\x1b[0m and plain' },
  { stream: 'stderr', text: '<img src=x onerror="window.pwned=1"> boom' },
  { stream: 'stdout', text: 'GET /health 200' },
  { stream: 'stderr', text: 'second BOOM on stderr' },
]

describe('LogsTab', () => {
  it('asks for the tail and follows, then shows the lines with their colours and markup as text', async () => {
    const { log, lineTexts } = renderLogs()
    const conn = await live.peer.connection(0)
    const url = new URL(conn.url, live.peer.origin)
    expect(url.pathname).toBe('/api/hosts/h1/containers/c1/logs')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      follow: 'true',
      tail: '500',
      timestamps: 'false',
    })
    conn.send({ type: 'lines', lines: LINES })
    await waitFor(() => {
      expect(lineTexts()).toHaveLength(4)
    })
    expect(lineTexts()[0]).toBe('red alert and plain')
    expect(screen.getByText('red alert').getAttribute('style')).toContain('var(--ansi-1)')
    expect(screen.getByText('and plain', { exact: false }).getAttribute('style')).toBeNull()
    // Markup in a log line is text on screen, never an element.
    expect(lineTexts()[1]).toBe('<img src=x onerror="window.pwned=1"> boom')
    expect(log().querySelector('img')).toBeNull()
    expect(log().querySelectorAll('[data-stream="stderr"]')).toHaveLength(2)
    expect(screen.getByText('live')).toBeTruthy()
  })

  it('finds lines by search, highlights every match and keeps the search in the URL', async () => {
    const { log, lineTexts, location, user } = renderLogs()
    const conn = await live.peer.connection(0)
    conn.send({ type: 'lines', lines: LINES })
    await waitFor(() => {
      expect(lineTexts()).toHaveLength(4)
    })
    await user.type(screen.getByRole('searchbox', { name: 'Search logs' }), 'boom')
    await waitFor(() => {
      expect(lineTexts()).toHaveLength(2)
    })
    expect(Array.from(log().querySelectorAll('mark'), (m) => m.textContent)).toEqual([
      'boom',
      'BOOM',
    ])
    expect(screen.getByText('2 matching lines')).toBeTruthy()
    expect(location.history?.at(-1)).toBe('/hosts/h1/containers/c1/logs?q=boom')

    // "All lines" keeps the others on screen, still highlighting the matches.
    await user.click(screen.getByRole('button', { name: 'All lines' }))
    await waitFor(() => {
      expect(lineTexts()).toHaveLength(4)
    })
    expect(log().querySelectorAll('mark')).toHaveLength(2)
  })

  it('says what is wrong with a bad regular expression instead of failing', async () => {
    const { lineTexts, user } = renderLogs('re=1')
    const conn = await live.peer.connection(0)
    conn.send({ type: 'lines', lines: LINES })
    await waitFor(() => {
      expect(lineTexts()).toHaveLength(4)
    })
    const search = screen.getByRole('searchbox', { name: 'Search logs' })
    await user.type(search, 'GET (')
    expect(search.getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByText(/regular expression/i)).toBeTruthy()
    expect(lineTexts()).toHaveLength(4)
  })

  it('shows one stream when asked', async () => {
    const { lineTexts, user } = renderLogs()
    const conn = await live.peer.connection(0)
    conn.send({ type: 'lines', lines: LINES })
    await waitFor(() => {
      expect(lineTexts()).toHaveLength(4)
    })
    await user.selectOptions(screen.getByRole('combobox', { name: 'Streams' }), 'stderr')
    await waitFor(() => {
      expect(lineTexts()).toEqual([LINES[1]!.text, LINES[3]!.text])
    })
  })

  it('keeps a few screens of a long log in the page, not every line', async () => {
    const { lineTexts } = renderLogs()
    const conn = await live.peer.connection(0)
    const lines = Array.from({ length: 5000 }, (_, i) => ({ stream: 'stdout', text: `line ${i}` }))
    conn.send({ type: 'lines', lines })
    await waitFor(() => {
      expect(lineTexts().length).toBeGreaterThan(0)
    })
    expect(lineTexts().length).toBeLessThan(200)
  })

  it('says when the log has ended, and offers a reconnect when the socket drops', async () => {
    const { user } = renderLogs()
    const first = await live.peer.connection(0)
    first.send({ type: 'end' })
    await waitFor(() => {
      expect(screen.getByText('end of log')).toBeTruthy()
    })
    const second = renderLogs()
    const conn = await live.peer.connection(1)
    await waitFor(() => {
      expect(within(second.container).getByText('live')).toBeTruthy()
    })
    act(() => {
      conn.socket.close(1011, 'engine went away')
    })
    const reconnect = await within(second.container).findByRole('button', { name: 'Reconnect' })
    await user.click(reconnect)
    await live.peer.connection(2)
    await waitFor(() => {
      expect(within(second.container).getByText('live')).toBeTruthy()
    })
  })

  it('applies "since" on Enter or on leaving the box, only when valid, reconnecting once', async () => {
    const { location, user } = renderLogs()
    await live.peer.connection(0)
    const since = screen.getByRole('textbox', { name: 'Since' })
    await user.type(since, '1h3')
    // Half-typed: no new socket while typing, nor when a bad value is entered.
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(live.peer.connections).toHaveLength(1)
    await user.keyboard('{Enter}')
    expect(since.getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByText(/expected a duration/)).toBeTruthy()
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(live.peer.connections).toHaveLength(1)

    await user.type(since, '0m{Enter}')
    const second = await live.peer.connection(1)
    expect(new URL(second.url, live.peer.origin).searchParams.get('since')).toBe('1h30m')
    expect(location.history?.at(-1)).toBe('/hosts/h1/containers/c1/logs?since=1h30m')
    expect(since.getAttribute('aria-invalid')).toBe('false')

    await user.clear(since)
    await user.type(since, ' 2025-01-02T03:04:05Z ')
    await user.tab()
    const third = await live.peer.connection(2)
    expect(new URL(third.url, live.peer.origin).searchParams.get('since')).toBe(
      '2025-01-02T03:04:05Z',
    )
    // Entering the value already applied reconnects nothing.
    await user.type(since, '{Enter}')
    await new Promise((resolve) => setTimeout(resolve, 300))
    expect(live.peer.connections).toHaveLength(3)
  })

  it('starts an empty view without the old error when an option changes, timestamps apart', async () => {
    const { lineTexts, user } = renderLogs()
    const first = await live.peer.connection(0)
    first.send({ type: 'lines', lines: LINES })
    first.send({ type: 'error', error: { code: 'engine_error', message: 'The stream broke' } })
    await screen.findByRole('alert')
    await waitFor(() => {
      expect(lineTexts()).toHaveLength(4)
    })

    await user.click(screen.getByRole('button', { name: 'Timestamps' }))
    expect(lineTexts()).toEqual([])
    expect(screen.queryByRole('alert')).toBeNull()
    const second = await live.peer.connection(1)
    expect(new URL(second.url, live.peer.origin).searchParams.get('timestamps')).toBe('true')
    second.send({
      type: 'lines',
      lines: [{ stream: 'stdout', text: '2026-12-04T10:00:00.5Z \x1b[32mready\x1b[0m now' }],
    })
    await waitFor(() => {
      expect(lineTexts()).toEqual(['2026-12-04T10:00:00.5Z ready now'])
    })
    expect(screen.getByText('2026-12-04T10:00:00.5Z', { exact: false }).textContent).toBe(
      '2026-12-04T10:00:00.5Z ',
    )
    expect(screen.getByText('ready').getAttribute('style')).toContain('var(--ansi-2)')
  })

  it("shows the server's error as an alert", async () => {
    renderLogs()
    const conn = await live.peer.connection(0)
    conn.send({ type: 'error', error: { code: 'not_found', message: 'No such container: c1' } })
    expect((await screen.findByRole('alert')).textContent).toBe('No such container: c1')
  })
})
