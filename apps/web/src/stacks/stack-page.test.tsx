// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../test/dom.ts'
import type { Host, StackDetails } from '@harbormaster/contract'
import { screen, within } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { hostFixture, stackDetailsFixture } from '../../test/fixtures.ts'
import { renderPage } from '../../test/render-page.tsx'
import { hostKeys } from '../hosts/queries.ts'
import { stackKeys } from './queries.ts'
import { StackPage } from './stack-page.tsx'

// Served from 127.0.0.1:9, where nothing listens: the page shows the stack the cache is seeded
// with, as GET /stacks/:name answers it.

function renderStack(role: Host['role'], stack: StackDetails, tab = '') {
  return renderPage({
    path: `/hosts/h1/stacks/${stack.name}${tab}`,
    route: '/hosts/:hostId/stacks/:name/:tab?',
    component: StackPage,
    seed: (client) => {
      client.setQueryData(hostKeys.list(), [hostFixture(role)])
      client.setQueryData(stackKeys.detail('h1', stack.name), stack)
    },
  })
}

const tabNames = () =>
  within(screen.getByRole('navigation', { name: 'Stack views' }))
    .getAllByRole('link')
    .map((a) => a.textContent)

describe('StackPage', () => {
  it('shows each service with its containers, their state and health, linking to each', () => {
    renderStack('viewer', stackDetailsFixture())

    expect(screen.getByRole('heading', { level: 1, name: 'shop' })).toBeTruthy()
    expect(screen.getByText('partial 1/2')).toBeTruthy()
    const web = within(screen.getByRole('table', { name: 'Containers of web' }))
    expect(web.getByRole('link', { name: 'shop-web-1' }).getAttribute('href')).toBe(
      '/hosts/h1/containers/shop-web-1-id',
    )
    expect(web.getByText('running')).toBeTruthy()
    expect(web.getByText('healthy')).toBeTruthy()
    expect(web.getByRole('link', { name: '8080→80/tcp' })).toBeTruthy()
    const db = within(screen.getByRole('table', { name: 'Containers of db' }))
    expect(db.getByText('exited')).toBeTruthy()
    expect(db.getByText('Exited (0) 1 minute ago')).toBeTruthy()
    expect(screen.getByText(/postgres:17 · 0\/1 running/)).toBeTruthy()
    expect(tabNames()).toEqual(['Services', 'Logs', 'Editor', 'Versions', 'Timeline'])
  })

  it('keeps a service of the file with no container listed: scaled to 0, or not created', () => {
    const db = { name: 'db', image: 'postgres:17', replicas: 2, containers: [] }
    const web = stackDetailsFixture().services[0]
    if (!web) throw new Error('the fixture has a web service')
    renderStack('operator', stackDetailsFixture({ services: [web, db] }))

    const card = within(screen.getByRole('region', { name: 'db' }))
    expect(card.getByText('scaled to 0')).toBeTruthy()
    expect(card.getByText(/postgres:17 · 0\/0 running/)).toBeTruthy()
    expect(card.getByText(/the file asks for 2/)).toBeTruthy()
    expect(card.getByRole('spinbutton', { name: 'Containers of db' })).toBeTruthy()
    document.body.innerHTML = ''

    // Taken down (or never deployed): nothing of the stack is created, not scaled.
    renderStack('operator', stackDetailsFixture({ services: [{ ...web, containers: [] }, db] }))
    for (const name of ['web', 'db'])
      expect(within(screen.getByRole('region', { name })).getByText('not created')).toBeTruthy()
  })

  it('gives an operator the lifecycle actions and a viewer none', () => {
    renderStack('operator', stackDetailsFixture())
    const actions = within(screen.getByRole('toolbar', { name: 'Stack actions' }))
    expect(actions.getAllByRole('button').map((b) => b.textContent)).toEqual([
      'Deploy',
      'Start',
      'Stop',
      'Restart',
      'Pull',
      'Down…',
    ])
    document.body.innerHTML = ''

    renderStack('viewer', stackDetailsFixture())
    expect(screen.queryByRole('toolbar', { name: 'Stack actions' })).toBeNull()
    for (const name of ['Deploy', 'Stop', 'Down…', 'Delete'])
      expect(screen.queryByRole('button', { name })).toBeNull()
    // Viewers still read every tab.
    expect(tabNames()).toEqual(['Services', 'Logs', 'Editor', 'Versions', 'Timeline'])
  })

  it('shows where a CLI project was read from, with no editor, versions or deploy', () => {
    renderStack(
      'admin',
      stackDetailsFixture({
        name: 'blog',
        origin: 'cli',
        saved: undefined,
        deployed: undefined,
        configFiles: ['/srv/blog/compose.yaml', '/srv/blog/compose.override.yaml'],
        workingDir: '/srv/blog',
      }),
    )
    const origin = within(screen.getByRole('region', { name: 'Started by the compose CLI' }))
    expect(origin.getByText('/srv/blog/compose.yaml, /srv/blog/compose.override.yaml')).toBeTruthy()
    expect(origin.getByText('/srv/blog')).toBeTruthy()
    expect(tabNames()).toEqual(['Services', 'Logs', 'Timeline'])
    expect(screen.queryByRole('button', { name: 'Deploy' })).toBeNull()
    expect(screen.getByRole('button', { name: 'Stop' })).toBeTruthy()
  })

  it('offers to delete a managed stack only once nothing is deployed from it', () => {
    renderStack('operator', stackDetailsFixture({ services: [], deployed: undefined }))
    expect(screen.getByText('not deployed')).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Delete' })).toBeTruthy()
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Stop' }).disabled).toBe(true)
  })
})
