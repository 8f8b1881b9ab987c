// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../test/dom.ts'
import type { SearchHit, SearchResult } from '@harbormaster/contract'
import { screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { renderPage } from '../../test/render-page.tsx'
import { GlobalSearch } from './global-search.tsx'
import { searchKeys } from './queries.ts'
import { hitPath, moveActive } from './search-links.ts'

// Served from 127.0.0.1:9, where nothing listens: the hits come from the seeded query cache.

const hit = (over: Partial<SearchHit>): SearchHit => ({
  kind: 'container',
  hostId: 'h1',
  hostName: 'Local',
  name: 'web',
  ref: 'abc123',
  detail: 'nginx · running',
  ...over,
})

const HITS: SearchHit[] = [
  hit({}),
  hit({ hostId: 'h2', hostName: 'Second', ref: 'def456' }),
  hit({ kind: 'volume', name: 'web-data', ref: 'web-data', detail: 'local' }),
]

function renderSearch() {
  const result: SearchResult = {
    hits: HITS,
    truncated: true,
    unavailable: [{ hostId: 'h3', hostName: 'Edge', error: 'connection refused' }],
  }
  const { location } = renderPage({
    path: '/hosts/h1/containers',
    route: '/hosts/:hostId/containers',
    component: GlobalSearch,
    seed: (client) => {
      client.setQueryData(searchKeys.query('web'), result)
    },
  })
  return { location, user: userEvent.setup() }
}

describe('GlobalSearch', () => {
  it('lists the hits with their kind and host, and opens the one chosen with the arrow keys', async () => {
    const { location, user } = renderSearch()
    const box = screen.getByRole('combobox', { name: 'Search all hosts' })

    await user.type(box, 'web')
    await waitFor(() => {
      expect(screen.getAllByRole('option')).toHaveLength(3)
    })
    expect(screen.getAllByRole('option')[1]?.textContent).toContain('Second')
    expect(screen.getByRole('listbox').textContent).toContain('More match: type more of the name')
    expect(screen.getByRole('listbox').textContent).toContain(
      'Not searched: Edge (connection refused)',
    )
    await user.keyboard('{ArrowDown}{ArrowDown}')
    expect(screen.getAllByRole('option')[1]?.getAttribute('aria-selected')).toBe('true')
    expect(box.getAttribute('aria-activedescendant')).toBe('global-search-results-1')
    await user.keyboard('{Enter}')

    expect(location.history?.at(-1)).toBe('/hosts/h2/containers/def456')
    expect(screen.queryByRole('listbox')).toBeNull()
  })

  it('wraps around with the arrow keys and closes on Escape', async () => {
    const { user } = renderSearch()
    const box = screen.getByRole('combobox', { name: 'Search all hosts' })
    await user.type(box, 'web')
    await waitFor(() => {
      expect(screen.getAllByRole('option')).toHaveLength(3)
    })

    await user.keyboard('{ArrowUp}')
    expect(screen.getAllByRole('option')[2]?.getAttribute('aria-selected')).toBe('true')
    await user.keyboard('{Escape}')
    expect(screen.queryByRole('listbox')).toBeNull()
  })

  it('focuses the box on Ctrl+K, but leaves Ctrl+K to a terminal', async () => {
    const { user } = renderSearch()
    const terminal = document.createElement('textarea')
    terminal.className = 'xterm-helper-textarea'
    const xterm = document.createElement('div')
    xterm.className = 'xterm'
    xterm.append(terminal)
    document.body.append(xterm)

    await user.click(terminal)
    await user.keyboard('{Control>}k{/Control}')
    expect(document.activeElement).toBe(terminal)
    await user.click(document.body)
    await user.keyboard('{Control>}k{/Control}')

    expect(document.activeElement).toBe(screen.getByRole('combobox', { name: 'Search all hosts' }))
    xterm.remove()
  })
})

describe('search links', () => {
  it('opens each kind on its own page of its host', () => {
    expect(hitPath(hit({ kind: 'network', ref: 'n1', hostId: 'h2' }))).toBe('/hosts/h2/networks/n1')
    expect(hitPath(hit({ kind: 'image', ref: 'nginx:1.27' }))).toBe(
      '/hosts/h1/images?q=nginx%3A1.27',
    )
    expect(hitPath(hit({ kind: 'stack', ref: 'shop' }))).toBe('/hosts/h1/stacks/shop')
  })

  it('moves the highlight and wraps around', () => {
    expect(moveActive(-1, 'ArrowDown', 3)).toBe(0)
    expect(moveActive(2, 'ArrowDown', 3)).toBe(0)
    expect(moveActive(0, 'ArrowUp', 3)).toBe(2)
    expect(moveActive(-1, 'ArrowUp', 3)).toBe(2)
    expect(moveActive(1, 'End', 3)).toBe(2)
    expect(moveActive(1, 'ArrowDown', 0)).toBe(-1)
  })
})
