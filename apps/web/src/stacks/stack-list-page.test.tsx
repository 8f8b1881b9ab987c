// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../test/dom.ts'
import type { Host, StackSummary } from '@harbormaster/contract'
import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { hostFixture, stackDetailsFixture } from '../../test/fixtures.ts'
import { renderPage } from '../../test/render-page.tsx'
import { hostKeys } from '../hosts/queries.ts'
import { stackKeys } from './queries.ts'
import { StackListPage } from './stack-list-page.tsx'

// Served from 127.0.0.1:9, where nothing listens: the page shows the list the cache is seeded
// with, as the server answers GET /stacks.

function summary(details: ReturnType<typeof stackDetailsFixture>): StackSummary {
  return {
    ...details,
    services: details.services.map((s) => ({
      name: s.name,
      running: s.containers.filter((c) => c.state === 'running').length,
      total: s.containers.length,
    })),
  }
}

const STACKS: StackSummary[] = [
  summary(stackDetailsFixture()),
  summary(
    stackDetailsFixture({
      name: 'blog',
      origin: 'cli',
      saved: undefined,
      deployed: undefined,
      configFiles: ['/srv/blog/compose.yaml'],
      workingDir: '/srv/blog',
      services: [
        {
          name: 'wordpress',
          containers: [
            { ...stackDetailsFixture().services[0]!.containers[0]!, name: 'blog-wordpress-1' },
          ],
        },
      ],
    }),
  ),
  summary(stackDetailsFixture({ name: 'drafts', services: [], deployed: undefined })),
]

function renderList(role: Host['role']) {
  const { location } = renderPage({
    path: '/hosts/h1/stacks',
    route: '/hosts/:hostId/stacks',
    component: StackListPage,
    seed: (client) => {
      client.setQueryData(hostKeys.list(), [hostFixture(role)])
      client.setQueryData(stackKeys.list('h1'), STACKS)
    },
  })
  const table = () => within(screen.getByRole('table', { name: 'Stacks' }))
  const row = (name: string) => {
    const cell = table().getByRole('link', { name }).closest('[role="row"]')
    if (!(cell instanceof HTMLElement)) throw new Error(`no row for ${name}`)
    return within(cell)
  }
  const names = () =>
    table()
      .getAllByRole('link')
      .filter((a) => a.getAttribute('href')?.startsWith('/hosts/h1/stacks/'))
      .map((a) => a.textContent)
  return { location, row, names, user: userEvent.setup() }
}

describe('StackListPage', () => {
  it('lists every project with its origin, status, services, ports and last deploy', () => {
    const { row, names } = renderList('viewer')
    expect(names()).toEqual(['blog', 'drafts', 'shop'])

    const shop = row('shop')
    expect(shop.getByText('Harbormaster')).toBeTruthy()
    expect(shop.getByText('partial 1/2')).toBeTruthy()
    expect(shop.getByText('web 1/1 · db 0/1')).toBeTruthy()
    expect(shop.getByRole('link', { name: '8080→80/tcp' })).toBeTruthy()
    expect(shop.getByText(/by alice/).textContent).toMatch(/by alice v2$/)

    const blog = row('blog')
    expect(blog.getByText('compose CLI')).toBeTruthy()
    expect(blog.getByText('running 1/1')).toBeTruthy()

    expect(row('drafts').getByText('not deployed')).toBeTruthy()
    expect(screen.getByText('1 running · 3 total')).toBeTruthy()
  })

  it('filters by search (names and services), origin and status, each kept in the URL', async () => {
    const { names, user, location } = renderList('viewer')
    await user.type(screen.getByRole('searchbox', { name: 'Search stacks' }), 'word')
    expect(names()).toEqual(['blog'])
    await user.clear(screen.getByRole('searchbox', { name: 'Search stacks' }))

    await user.selectOptions(screen.getByRole('combobox', { name: 'Origin' }), 'managed')
    expect(names()).toEqual(['drafts', 'shop'])
    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'partial')
    expect(names()).toEqual(['shop'])
    expect(location.history?.at(-1)).toBe('/hosts/h1/stacks?origin=managed&status=partial')

    await user.selectOptions(screen.getByRole('combobox', { name: 'Status' }), 'exited')
    expect(screen.getByText('No stack matches these filters')).toBeTruthy()
  })

  it('offers a new stack to an operator and not to a viewer', () => {
    renderList('operator')
    expect(screen.getByRole('link', { name: 'New stack' }).getAttribute('href')).toBe(
      '/hosts/h1/stacks/new',
    )
    document.body.innerHTML = ''
    renderList('viewer')
    expect(screen.queryByRole('link', { name: 'New stack' })).toBeNull()
  })
})
