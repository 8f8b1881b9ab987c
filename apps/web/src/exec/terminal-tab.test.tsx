// @vitest-environment jsdom
import '../../test/dom.ts'
import { QueryClientProvider } from '@tanstack/react-query'
import { act, render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { Router } from 'wouter'
import { memoryLocation } from 'wouter/memory-location'
import { json, serveFetch } from '../../test/fake-server.ts'
import { setupLivePeer } from '../../test/live-peer.ts'
import { createQueryClient } from '../app/query-client.ts'
import { TerminalTab } from './terminal-tab.tsx'

// The terminal tab with its socket a real WebSocket to a peer playing the attach endpoint; the
// container check before connecting is answered by a stubbed fetch.
const live = setupLivePeer()

const RUNNING = { status: 'running', running: true, paused: false }

// jsdom has neither: the pane follows the colour scheme and refits as it resizes. The system's
// scheme is light until a test makes it dark.
let dark = false
const schemeListeners = new Set<() => void>()
beforeEach(() => {
  dark = false
  schemeListeners.clear()
  vi.stubGlobal('matchMedia', () => ({
    get matches() {
      return dark
    },
    addEventListener: (_type: string, listener: () => void) => schemeListeners.add(listener),
    removeEventListener: (_type: string, listener: () => void) => schemeListeners.delete(listener),
    addListener: () => undefined,
    removeListener: () => undefined,
  }))
  vi.stubGlobal(
    'ResizeObserver',
    class {
      observe = () => undefined
      disconnect = () => undefined
    },
  )
})

describe('TerminalTab for a user locked out of input', () => {
  it('attaches output-only (stdin=false), never sends keystrokes, and says why', async () => {
    serveFetch(() => json({ id: 'c1', state: RUNNING }))
    const location = memoryLocation({ path: '/hosts/h1/containers/c1/terminal' })
    render(
      <Router hook={location.hook} searchHook={location.searchHook}>
        <TerminalTab
          hostId="h1"
          containerId="c1"
          running
          paused={false}
          openStdin
          mayStart
          inputLocked="Only an admin may open a shell or type into the main process here: this container has settings only an admin may create (privileged)."
        />
      </Router>,
    )

    const conn = await live.peer.connection(0)
    const url = new URL(conn.url, live.peer.origin)
    expect(url.pathname).toBe('/api/hosts/h1/containers/c1/attach')
    expect(url.searchParams.get('stdin')).toBe('false')
    expect(screen.getByRole('note').textContent).toContain('(privileged)')
    const received: string[] = []
    conn.socket.on('message', (_data, isBinary) => {
      received.push(isBinary ? 'binary' : 'text')
    })
    const input = document.querySelector('textarea')
    if (input) await userEvent.setup().type(input, 'rm -rf /{Enter}')
    // A resize is the only thing a read-only terminal may send; typing sends nothing.
    conn.send({ type: 'exit', exitCode: 0 })
    await screen.findByText(/process exited/)
    expect(received.filter((m) => m === 'binary')).toEqual([])
  })
})

describe('TerminalTab in a recorded session', () => {
  it("shows the server's recording banner as the session opens", async () => {
    serveFetch(() => json({ id: 'c1', state: RUNNING }))
    const location = memoryLocation({ path: '/hosts/h1/containers/c1/terminal' })
    render(
      <Router hook={location.hook} searchHook={location.searchHook}>
        <TerminalTab hostId="h1" containerId="c1" running paused={false} openStdin mayStart />
      </Router>,
    )
    const conn = await live.peer.connection(0)
    await screen.findByText('connected')
    expect(screen.queryByText(/This session is recorded/)).toBeNull()

    conn.send({ type: 'recording', mode: 'output-and-input' })

    expect((await screen.findByText(/This session is recorded/)).textContent).toContain(
      'output and input',
    )
    // The message is a banner, not the end of the session.
    expect(screen.getByText('connected')).toBeTruthy()
  })
})

describe('TerminalTab as the container stops and starts', () => {
  it('checks again each time, says why it cannot open, then opens a new session', async () => {
    let state: { status: string; running: boolean; paused: boolean } = RUNNING
    const requests = serveFetch(() => json({ id: 'c1', state }))
    const location = memoryLocation({ path: '/hosts/h1/containers/c1/terminal' })
    const client = createQueryClient()
    const tab = (running: boolean) => (
      <QueryClientProvider client={client}>
        <Router hook={location.hook} searchHook={location.searchHook}>
          <TerminalTab
            hostId="h1"
            containerId="c1"
            running={running}
            paused={false}
            openStdin={false}
            mayStart
          />
        </Router>
      </QueryClientProvider>
    )
    const view = render(tab(true))
    const first = await live.peer.connection(0)
    expect(new URL(first.url, live.peer.origin).pathname).toBe('/api/hosts/h1/containers/c1/exec')
    await screen.findByText('connected')

    // The page learns (from the host's events) that it stopped: the session goes at once.
    state = { status: 'exited', running: false, paused: false }
    view.rerender(tab(false))
    expect(screen.getByText('Checking the container…')).toBeTruthy()
    expect(await first.closed).toBe(1000)
    expect(await screen.findByText('The container is not running')).toBeTruthy()

    state = RUNNING
    view.rerender(tab(true))
    expect(screen.getByText('Checking the container…')).toBeTruthy()
    const second = await live.peer.connection(1)
    expect(new URL(second.url, live.peer.origin).pathname).toBe('/api/hosts/h1/containers/c1/exec')
    await screen.findByText('connected')
    expect(requests.map((r) => r.path)).toEqual([
      '/api/hosts/h1/containers/c1',
      '/api/hosts/h1/containers/c1',
      '/api/hosts/h1/containers/c1',
    ])
  })
})

describe('TerminalTab and the colour scheme', () => {
  it("repaints the terminal when the system's scheme changes, keeping the session", async () => {
    serveFetch(() => json({ id: 'c1', state: RUNNING }))
    const location = memoryLocation({ path: '/hosts/h1/containers/c1/terminal' })
    render(
      <Router hook={location.hook} searchHook={location.searchHook}>
        <TerminalTab hostId="h1" containerId="c1" running paused={false} openStdin mayStart />
      </Router>,
    )
    await live.peer.connection(0)
    await screen.findByText('connected')
    // xterm paints its theme's background on the element around its rows.
    const painted = () =>
      screen.getByLabelText('Terminal input').closest<HTMLElement>('.xterm-scrollable-element')!
        .style.backgroundColor
    expect(painted()).toBe('rgb(255, 255, 255)')

    dark = true
    act(() => {
      schemeListeners.forEach((changed) => {
        changed()
      })
    })
    expect(painted()).toBe('rgb(13, 17, 23)')
    expect(screen.getByText('connected')).toBeTruthy()
    expect(live.peer.connections).toHaveLength(1)
  })
})
