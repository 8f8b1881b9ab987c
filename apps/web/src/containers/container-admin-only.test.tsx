// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../test/dom.ts'
import type { ContainerDetails, Host } from '@harbormaster/contract'
import { cleanup, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { serveFetch } from '../../test/fake-server.ts'
import { containerDetailsFixture, hostFixture } from '../../test/fixtures.ts'
import { renderPage } from '../../test/render-page.tsx'
import { hostKeys } from '../hosts/queries.ts'
import { ContainerPage } from './container-page.tsx'
import { containerKeys } from './queries.ts'

const ADMIN_ONLY = ['privileged', 'mounts (/var/run/docker.sock)']

function detail(adminOnly: string[]): ContainerDetails {
  return containerDetailsFixture({
    name: '/agent',
    openStdin: true,
    privileged: true,
    networkMode: 'default',
    adminOnly,
  })
}

/**
 * The container page on one tab, for a user of `role`. The terminal's own check of the
 * container is left unanswered, so the tab shows what it offers before any session opens.
 */
function renderTab(tab: string, role: Host['role'], adminOnly = ADMIN_ONLY) {
  const requests = serveFetch(() => new Promise<Response>(() => undefined))
  renderPage({
    path: `/hosts/h1/containers/c1/${tab}`,
    route: '/hosts/:hostId/containers/:id/:tab?',
    component: ContainerPage,
    seed: (client) => {
      client.setQueryData(hostKeys.list(), [hostFixture(role)])
      client.setQueryData(containerKeys.detail('h1', 'c1'), detail(adminOnly))
    },
  })
  return { requests }
}

describe('ContainerPage, for a container with admin-only settings', () => {
  it('offers an operator no shell and no typing, and says why, naming the settings (admins keep them)', async () => {
    renderTab('terminal', 'operator')

    const note = await screen.findByRole('note')
    expect(note.textContent).toContain(
      'Only an admin may open a shell or type into the main process',
    )
    expect(note.textContent).toContain('privileged, mounts (/var/run/docker.sock)')
    expect(note.textContent).toContain('read-only')
    expect(screen.queryByRole('combobox', { name: 'Terminal mode' })).toBeNull()
    expect(screen.queryByRole('combobox', { name: 'Shell' })).toBeNull()

    // An admin, and an operator on a container without such settings, keep the shell picker.
    for (const [role, adminOnly] of [
      ['admin', ADMIN_ONLY],
      ['operator', []],
    ] as const) {
      cleanup()
      renderTab('terminal', role, [...adminOnly])
      expect(await screen.findByRole('combobox', { name: 'Terminal mode' })).toBeTruthy()
      expect(screen.queryByRole('note')).toBeNull()
    }
  })

  it('shows an operator why files are admin-only, with no browser, download or upload', async () => {
    const { requests } = renderTab('files', 'operator')

    const note = await screen.findByRole('note')
    expect(note.textContent).toContain('Only an admin may browse, download or upload files here')
    expect(note.textContent).toContain('mounts (/var/run/docker.sock)')
    expect(screen.queryByText(/Upload/)).toBeNull()
    expect(screen.queryByText(/Download folder/)).toBeNull()
    expect(requests.filter((r) => r.path.includes('/files'))).toEqual([])
  })
})
