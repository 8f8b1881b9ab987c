// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../test/dom.ts'
import type { AllHostsContainers, HostedContainer } from '@harbormaster/contract'
import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { hostFixture } from '../../test/fixtures.ts'
import { renderPage } from '../../test/render-page.tsx'
import { hostKeys } from '../hosts/queries.ts'
import { AllHostsContainersPage } from './all-hosts-page.tsx'
import { allHostsKeys } from './queries.ts'

// Served from 127.0.0.1:9, where nothing listens: the rows come from the seeded query cache.

function row(hostId: string, name: string, over: Partial<HostedContainer> = {}): HostedContainer {
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
    hostId,
    hostName: hostId === 'h1' ? 'Local' : 'Build',
    ...over,
  }
}

// The same container on both hosts (one engine registered twice), and one of each host's own.
const LIST: AllHostsContainers = {
  containers: [
    row('h1', 'web'),
    row('h2', 'web'),
    row('h1', 'db', { state: 'exited', status: 'Exited (0)' }),
    row('h2', 'builder'),
  ],
  hosts: [
    { id: 'h2', name: 'Build', role: 'viewer', state: 'listed' },
    { id: 'h1', name: 'Local', role: 'operator', state: 'listed' },
    { id: 'h3', name: 'Edge', role: 'operator', state: 'unavailable', error: 'connection refused' },
  ],
}

function renderAll() {
  const { location } = renderPage({
    path: '/all-hosts/containers',
    route: '/all-hosts/containers',
    component: AllHostsContainersPage,
    seed: (client) => {
      client.setQueryData(hostKeys.list(), [hostFixture('operator')])
      client.setQueryData(allHostsKeys.containers(), LIST)
    },
  })
  const table = () => screen.getByRole('table', { name: 'Containers on all hosts' })
  const rows = () =>
    within(table())
      .getAllByRole('row')
      .slice(1)
      .map((r) => {
        const link = within(r).getByRole('link')
        return `${link.textContent ?? ''}@${link.getAttribute('href') ?? ''}`
      })
  return { location, rows, user: userEvent.setup() }
}

describe('AllHostsContainersPage', () => {
  it('lists every host’s rows with their host, each linking to its own host, and names the host left out', () => {
    const { rows } = renderAll()

    expect(rows()).toEqual([
      'builder@/hosts/h2/containers/builder-0123456789abcdef',
      'db@/hosts/h1/containers/db-0123456789abcdef',
      'web@/hosts/h1/containers/web-0123456789abcdef',
      'web@/hosts/h2/containers/web-0123456789abcdef',
    ])
    expect(within(screen.getByRole('table')).getAllByText('Build')).toHaveLength(2)
    const notListed = screen
      .getAllByRole('status')
      .find((s) => s.textContent.includes('Not listed'))
    expect(notListed?.textContent).toMatch(/Edge \(connection refused\)/)
    expect(screen.getByText(/3 running · 4 total · 3 hosts/)).toBeTruthy()
  })

  it('filters by host and by the per-host list’s filters, kept in the URL', async () => {
    const { rows, user, location } = renderAll()

    await user.selectOptions(screen.getByRole('combobox', { name: 'Host' }), 'h1')
    await user.selectOptions(screen.getByRole('combobox', { name: 'State' }), 'running')

    expect(rows()).toEqual(['web@/hosts/h1/containers/web-0123456789abcdef'])
    expect(location.history?.at(-1)).toBe('/all-hosts/containers?host=h1&state=running')
  })

  it('lets the user select only rows of hosts where they may change things', async () => {
    const { user } = renderAll()

    const onLocal = screen.getByRole('checkbox', { name: 'Select web on Local' })
    const onBuild = screen.getByRole('checkbox', { name: 'Select web on Build' })
    expect((onBuild as HTMLInputElement).disabled).toBe(true)
    await user.click(screen.getByRole('checkbox', { name: 'Select all shown containers' }))

    expect((onLocal as HTMLInputElement).checked).toBe(true)
    expect((onBuild as HTMLInputElement).checked).toBe(false)
    expect(screen.getByRole('toolbar').textContent).toContain('2 selected')
  })
})
