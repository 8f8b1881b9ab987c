// @vitest-environment jsdom
import '../../test/dom.ts'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { beforeEach, describe, expect, it, vi } from 'vitest'
import { Router } from 'wouter'
import { memoryLocation } from 'wouter/memory-location'
import { json, serveFetch } from '../../test/fake-server.ts'
import { useLivePeer } from '../../test/live-peer.ts'
import { TerminalTab } from './terminal-tab.tsx'

// The terminal tab with its socket a real WebSocket to a peer playing the attach endpoint; the
// container check before connecting is answered by a stubbed fetch.
const live = useLivePeer()

const RUNNING = { status: 'running', running: true, paused: false }

// jsdom has neither: the pane follows the colour scheme and refits as it resizes.
beforeEach(() => {
  vi.stubGlobal('matchMedia', () => ({
    matches: false,
    addEventListener: () => undefined,
    removeEventListener: () => undefined,
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
