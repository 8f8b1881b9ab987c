// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../test/dom.ts'
import type { ContainerSummary, Host } from '@harbormaster/contract'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { hostFixture } from '../../test/fixtures.ts'
import { renderPage } from '../../test/render-page.tsx'
import { hostKeys } from '../hosts/queries.ts'
import { ContainerListPage } from './container-list-page.tsx'
import { containerKeys } from './queries.ts'

// The page is served from 127.0.0.1:9, where nothing listens: what the page shows comes from
// the query cache seeded below, and any request it makes fails as an unreachable server does.

function container(name: string, over: Partial<ContainerSummary> = {}): ContainerSummary {
  return {
    id: `${name}-0123456789abcdef`,
    name: `/${name}`,
    image: 'busybox:latest',
    imageId: 'sha256:1',
    command: 'sleep 3600',
    created: 1_764_800_000,
    state: 'running',
    status: 'Up 2 minutes',
    ports: [],
    labels: {},
    networks: ['bridge'],
    mounts: [],
    ...over,
  }
}

const CONTAINERS = [
  container('shop-web-1', {
    image: 'nginx:1.27',
    composeProject: 'shop',
    labels: { 'com.docker.compose.project': 'shop', tier: 'web' },
    networks: ['shop_default'],
    ports: [
      { privatePort: 80, type: 'tcp', publicPort: 8080, ip: '0.0.0.0' },
      { privatePort: 80, type: 'tcp', publicPort: 8080, ip: '::' },
    ],
  }),
  container('shop-db-1', {
    image: 'postgres:17',
    composeProject: 'shop',
    labels: { 'com.docker.compose.project': 'shop', tier: 'db' },
    networks: ['shop_default'],
    state: 'exited',
    status: 'Exited (0) 5 minutes ago',
  }),
  container('lone'),
]

/** A row's name: the link to the container's page (a port's link goes elsewhere). */
function isContainerLink(link: HTMLElement): boolean {
  return link.getAttribute('href')?.startsWith('/hosts/h1/containers/') ?? false
}

function renderList(role: Host['role'], containers: ContainerSummary[] | null = CONTAINERS) {
  const { location } = renderPage({
    path: '/hosts/h1/containers',
    route: '/hosts/:hostId/containers',
    component: ContainerListPage,
    seed: (client) => {
      client.setQueryData(hostKeys.list(), [hostFixture(role)])
      if (containers) client.setQueryData(containerKeys.list('h1'), containers)
    },
  })
  const rowNames = () =>
    within(screen.getByRole('table', { name: 'Containers' }))
      .getAllByRole('link')
      .filter(isContainerLink)
      .map((a) => a.textContent)
  return { location, rowNames, user: userEvent.setup() }
}

describe('ContainerListPage', () => {
  it('lists the containers with their state, counts and published ports as links', () => {
    const { rowNames } = renderList('operator')
    expect(rowNames()).toEqual(['lone', 'shop-db-1', 'shop-web-1'])
    expect(screen.getByText('2 running · 3 total')).toBeTruthy()
    // The engine lists the IPv4 and IPv6 bindings of one port: one link, to the page's host.
    const links = screen.getAllByRole('link', { name: /8080/ })
    expect(links.map((a) => a.getAttribute('href'))).toEqual(['http://127.0.0.1:8080'])
  })

  it('shows an operator the actions, and a viewer none of them', () => {
    renderList('operator')
    expect(screen.getByRole('link', { name: 'Create container' })).toBeTruthy()
    expect(screen.getAllByRole('checkbox', { name: /^Select / })).toHaveLength(4)
    document.body.innerHTML = ''

    const { rowNames } = renderList('viewer')
    expect(rowNames()).toHaveLength(3)
    expect(screen.queryByRole('link', { name: 'Create container' })).toBeNull()
    expect(screen.queryAllByRole('checkbox', { name: /^Select / })).toHaveLength(0)
    expect(screen.queryByRole('toolbar')).toBeNull()
  })

  it('filters by search, state and label, each kept in the URL', async () => {
    const { rowNames, location, user } = renderList('viewer')
    await user.type(screen.getByRole('searchbox', { name: 'Search containers' }), 'shop')
    expect(rowNames()).toEqual(['shop-db-1', 'shop-web-1'])
    await user.selectOptions(screen.getByRole('combobox', { name: 'State' }), 'running')
    expect(rowNames()).toEqual(['shop-web-1'])
    expect(location.history?.at(-1)).toBe('/hosts/h1/containers?q=shop&state=running')

    await user.clear(screen.getByRole('searchbox', { name: 'Search containers' }))
    await user.selectOptions(screen.getByRole('combobox', { name: 'State' }), '')
    await user.type(screen.getByRole('combobox', { name: 'Label filter' }), 'tier=db')
    expect(rowNames()).toEqual(['shop-db-1'])

    await user.type(screen.getByRole('combobox', { name: 'Label filter' }), 'x')
    expect(screen.getByText('No container matches these filters')).toBeTruthy()
  })

  it('focuses the search on "/" unless the user is typing elsewhere', async () => {
    const { user } = renderList('viewer')
    const search = screen.getByRole('searchbox', { name: 'Search containers' })
    await user.keyboard('/')
    expect(document.activeElement).toBe(search)
    expect((search as HTMLInputElement).value).toBe('')

    const label = screen.getByRole('combobox', { name: 'Label filter' })
    await user.click(label)
    await user.keyboard('a/b')
    expect(document.activeElement).toBe(label)
    expect((label as HTMLInputElement).value).toBe('a/b')
  })

  it('groups by compose project, projects first, with how many of each run', async () => {
    const { user } = renderList('viewer')
    await user.click(screen.getByRole('checkbox', { name: 'Group by compose project' }))
    const table = screen.getByRole('table', { name: 'Containers' })
    // Each row's container name, or its group's heading (the project, in bold).
    const order = within(table)
      .getAllByRole('row')
      .slice(1)
      .map(
        (row) =>
          within(row).queryAllByRole('link').find(isContainerLink)?.textContent ??
          row.querySelector('strong')?.textContent ??
          '',
      )
    expect(order).toEqual(['shop', 'shop-db-1', 'shop-web-1', 'Not in a compose project', 'lone'])
    expect(within(table).getByText('1/2 running')).toBeTruthy()
  })

  it('asks before removing the selected containers, naming each, and does nothing on Cancel', async () => {
    const { user } = renderList('operator')
    await user.click(screen.getByRole('checkbox', { name: 'Select lone' }))
    await user.click(screen.getByRole('checkbox', { name: 'Select shop-db-1' }))
    const toolbar = screen.getByRole('toolbar', { name: 'Actions on selected containers' })
    expect(within(toolbar).getByText('2 selected')).toBeTruthy()

    await user.click(within(toolbar).getByRole('button', { name: 'Remove' }))
    const dialog = await screen.findByRole('dialog', { name: 'Remove 2 containers?' })
    const named = within(dialog)
      .getAllByRole('listitem')
      .map((li) => li.textContent)
    expect(named.sort()).toEqual(['lone', 'shop-db-1'])
    await user.click(within(dialog).getByRole('button', { name: 'Cancel' }))
    await waitFor(() => {
      expect(screen.queryByRole('dialog', { name: 'Remove 2 containers?' })).toBeNull()
    })
    expect(within(toolbar).getByText('2 selected')).toBeTruthy()
  })

  it('selects every shown container from the header, showing a partial selection', async () => {
    const { user } = renderList('operator')
    await user.type(screen.getByRole('searchbox', { name: 'Search containers' }), 'shop')
    const all = screen.getByRole<HTMLInputElement>('checkbox', {
      name: 'Select all shown containers',
    })
    await user.click(all)
    const toolbar = screen.getByRole('toolbar', { name: 'Actions on selected containers' })
    expect(within(toolbar).getByText('2 selected')).toBeTruthy()
    expect([all.checked, all.indeterminate]).toEqual([true, false])

    await user.click(screen.getByRole('checkbox', { name: 'Select shop-db-1' }))
    expect(within(toolbar).getByText('1 selected')).toBeTruthy()
    expect([all.checked, all.indeterminate]).toEqual([false, true])
    // From a partial selection, the header selects the rest; once all are, it clears them.
    await user.click(all)
    expect(within(toolbar).getByText('2 selected')).toBeTruthy()
    await user.click(all)
    expect(screen.queryByRole('toolbar')).toBeNull()
    expect([all.checked, all.indeterminate]).toEqual([false, false])
    await user.clear(screen.getByRole('searchbox', { name: 'Search containers' }))
    const lone = screen.getByRole<HTMLInputElement>('checkbox', { name: 'Select lone' })
    expect(lone.checked).toBe(false)
  })

  it('acts only on the selected containers the filters still show', async () => {
    const { user } = renderList('operator')
    await user.click(screen.getByRole('checkbox', { name: 'Select lone' }))
    await user.click(screen.getByRole('checkbox', { name: 'Select shop-db-1' }))
    await user.type(screen.getByRole('searchbox', { name: 'Search containers' }), 'shop')
    const toolbar = screen.getByRole('toolbar', { name: 'Actions on selected containers' })
    expect(within(toolbar).getByText('1 selected')).toBeTruthy()

    await user.click(within(toolbar).getByRole('button', { name: 'Kill' }))
    const dialog = await screen.findByRole('dialog', { name: 'Kill 1 container?' })
    const named = within(dialog)
      .getAllByRole('listitem')
      .map((li) => li.textContent)
    expect(named).toEqual(['shop-db-1'])
  })

  it('says which containers an action failed for when the server cannot be reached', async () => {
    const { rowNames, user } = renderList('operator')
    await user.click(screen.getByRole('checkbox', { name: 'Select lone' }))
    const toolbar = screen.getByRole('toolbar', { name: 'Actions on selected containers' })
    await user.click(within(toolbar).getByRole('button', { name: 'Stop' }))
    expect(await screen.findByText('Stop: 1 of 1 failed')).toBeTruthy()
    const results = await screen.findByRole('dialog', { name: 'Stop: results' })
    expect(results.textContent).toContain('lone: The server could not be reached')
    // The list it refreshed afterwards failed too: the last one stays on screen, marked.
    await waitFor(() => {
      expect(screen.getByText(/Could not refresh/)).toBeTruthy()
    })
    expect(rowNames()).toEqual(['lone', 'shop-db-1', 'shop-web-1'])
  })

  it('shows loading, then the error with a way to try again', async () => {
    renderList('viewer', null)
    expect(screen.getByText('Loading containers…')).toBeTruthy()
    const alert = await screen.findByRole('alert', {}, { timeout: 10_000 })
    expect(alert.textContent).toContain('Could not list containers')
    expect(alert.textContent).toContain('The server could not be reached')
    expect(within(alert).getByRole('button', { name: 'Try again' })).toBeTruthy()
  })

  it('says so when the host has no containers', () => {
    renderList('operator', [])
    expect(screen.getByText('No containers on this host')).toBeTruthy()
  })
})
