// @vitest-environment jsdom
import '../../test/dom.ts'
import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { Router } from 'wouter'
import { memoryLocation } from 'wouter/memory-location'
import { setupLivePeer } from '../../test/live-peer.ts'
import { StackLogsTab } from './stack-logs-tab.tsx'

// The merged logs of a stack, its socket a real WebSocket to a peer that plays the server's
// stack logs endpoint.
const live = setupLivePeer()

function renderLogs() {
  const location = memoryLocation({ path: '/hosts/h1/stacks/shop/logs', record: true })
  render(
    <Router hook={location.hook} searchHook={location.searchHook}>
      <StackLogsTab hostId="h1" name="shop" services={['web', 'db']} />
    </Router>,
  )
  const lines = () =>
    Array.from(screen.getByRole('log').querySelectorAll('[data-stream]'), (el) => el.textContent)
  return { location, lines, user: userEvent.setup() }
}

describe('StackLogsTab', () => {
  it('merges the containers’ lines, each prefixed with its container in its service’s colour', async () => {
    const { lines } = renderLogs()
    const conn = await live.peer.connection(0)
    const url = new URL(conn.url, live.peer.origin)
    expect(url.pathname).toBe('/api/hosts/h1/stacks/shop/logs')
    expect(Object.fromEntries(url.searchParams)).toEqual({
      follow: 'true',
      tail: '500',
      timestamps: 'false',
    })
    conn.send({
      type: 'lines',
      lines: [
        { service: 'web', number: 1, stream: 'stdout', text: 'GET / 200' },
        { service: 'db', number: 1, stream: 'stdout', text: 'ready to ', partial: true },
        { service: 'web', number: 2, stream: 'stderr', text: 'upstream timed out' },
        { service: 'db', number: 1, stream: 'stdout', text: 'accept connections' },
      ],
    })
    await waitFor(() => {
      expect(lines()).toEqual([
        'web-1 | GET / 200',
        'db-1 | ready to accept connections',
        'web-2 | upstream timed out',
      ])
    })
    const prefix = (label: string) =>
      screen.getByText(`${label} |`, { exact: false, selector: 'span' }).getAttribute('style')
    expect(prefix('web-1')).toBe(prefix('web-2'))
    expect(prefix('web-1')).toContain('var(--ansi-4)')
    expect(prefix('db-1')).toContain('var(--ansi-2)')
  })

  it('follows one service when chosen, keeping the choice in the URL', async () => {
    const { location, user } = renderLogs()
    await live.peer.connection(0)
    await user.selectOptions(screen.getByRole('combobox', { name: 'Service' }), 'db')

    const conn = await live.peer.connection(1)
    expect(new URL(conn.url, live.peer.origin).searchParams.get('service')).toBe('db')
    expect(location.history?.at(-1)).toBe('/hosts/h1/stacks/shop/logs?service=db')
    expect(await live.peer.connections[0]?.closed).toBe(1000)
  })
})
