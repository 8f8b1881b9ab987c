// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../../test/dom.ts'
import type { TimelineEntry, TimelinePage as Page } from '@harbormaster/contract'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { json, serveFetch } from '../../../test/fake-server.ts'
import { renderPage } from '../../../test/render-page.tsx'
import { keysForEvent } from '../../events/index.ts'
import { TimelinePanel } from './timeline-panel.tsx'
import { TimelinePage } from './timeline-page.tsx'

const NOW = Date.now()
const engine = (n: number, action: string, extra: Record<string, string> = {}): TimelineEntry => ({
  kind: 'engine',
  id: `e${String(n)}`,
  at: NOW - 60_000 + n,
  timeNano: `${String(NOW - 60_000 + n)}000000`,
  type: 'container',
  action,
  actionDetail: null,
  actorId: 'a'.repeat(64),
  actorName: 'web-1',
  stack: 'shop',
  attributes: { name: 'web-1', ...extra },
})
const stopped: TimelineEntry = {
  kind: 'user',
  id: 'a7',
  at: NOW - 59_000,
  action: 'container.stop',
  target: 'a'.repeat(64),
  targetName: 'web-1',
  actorName: 'alice',
  status: 204,
}

/** The timeline route: `pages` answer in turn (the first again once they run out). */
function serveTimeline(pages: Page[]) {
  let next = 0
  return serveFetch(() => json(pages[Math.min(next++, pages.length - 1)]))
}

const timelineRequests = (requests: { path: string }[]) =>
  requests.filter((r) => r.path.startsWith('/api/hosts/h1/timeline'))
const lastQuery = (requests: { path: string }[]) =>
  new URLSearchParams(timelineRequests(requests).at(-1)?.path.split('?')[1])

describe('the host timeline', () => {
  it("shows the user's stop beside the engine's die, told apart, newest first", async () => {
    serveTimeline([{ entries: [stopped, engine(2, 'die', { exitCode: '137' })], nextBefore: null }])
    renderPage({
      path: '/hosts/h1/timeline',
      route: '/hosts/:hostId/timeline',
      component: TimelinePage,
    })

    const rows = within(await screen.findByRole('table', { name: 'Timeline' })).getAllByRole('row')
    expect(rows[1]?.textContent).toMatch(/user.*container\.stop.*204.*web-1.*alice/)
    expect(rows[2]?.textContent).toMatch(/engine.*container die \(exit 137\).*web-1/)
  })

  it('asks for what the filters say and pages back with the cursor', async () => {
    const requests = serveTimeline([
      { entries: [stopped], nextBefore: `${String(stopped.at)}:a:7` },
      { entries: [engine(1, 'start')], nextBefore: null },
    ])
    renderPage({
      path: '/hosts/h1/timeline',
      route: '/hosts/:hostId/timeline',
      component: TimelinePage,
    })
    const user = userEvent.setup()
    await screen.findByText('container.stop')

    await user.click(screen.getByRole('button', { name: 'Older' }))
    expect(await screen.findByText('start')).toBeTruthy()
    expect(lastQuery(requests).get('before')).toBe(`${String(stopped.at)}:a:7`)
    expect(screen.queryByRole('button', { name: 'Older' })).toBeNull()

    await user.selectOptions(screen.getByRole('combobox', { name: 'Type' }), 'container')
    await user.type(screen.getByRole('searchbox', { name: 'Container' }), 'web-1')
    await user.selectOptions(screen.getByRole('combobox', { name: 'Source' }), 'user')
    await waitFor(() => {
      const query = lastQuery(requests)
      expect(query.get('container')).toBe('web-1')
      expect(query.get('type')).toBe('container')
      expect(query.get('source')).toBe('user')
    })
  })

  it('shows a new row when an engine event arrives on the host socket', async () => {
    serveTimeline([
      { entries: [engine(1, 'create')], nextBefore: null },
      { entries: [engine(2, 'start'), engine(1, 'create')], nextBefore: null },
    ])
    const { client } = renderPage({
      path: '/hosts/h1/timeline',
      route: '/hosts/:hostId/timeline',
      component: TimelinePage,
    })
    await screen.findByText('create')

    // What the events socket does with every event (events/use-host-events.ts).
    for (const key of keysForEvent('h1', { type: 'container', action: 'start' })) {
      await client.invalidateQueries({ queryKey: key })
    }

    expect(await screen.findByText('start')).toBeTruthy()
  })

  it("on a container's page, asks for that container only and hides its filter", async () => {
    const requests = serveTimeline([{ entries: [engine(1, 'create')], nextBefore: null }])
    function ContainerTimeline() {
      return <TimelinePanel hostId="h1" container="web-1" />
    }
    renderPage({
      path: '/hosts/h1/containers/web-1/timeline',
      route: '/hosts/:hostId/containers/:id/timeline',
      component: ContainerTimeline,
    })

    await screen.findByText('create')
    expect(timelineRequests(requests)[0]?.path).toContain('container=web-1')
    expect(screen.queryByRole('searchbox', { name: 'Container' })).toBeNull()
  })
})
