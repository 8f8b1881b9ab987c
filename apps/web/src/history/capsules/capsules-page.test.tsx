// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../../test/dom.ts'
import type { Capsule, CapsuleSummary, LogRetentionList } from '@harbormaster/contract'
import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { json, serveFetch } from '../../../test/fake-server.ts'
import { hostFixture } from '../../../test/fixtures.ts'
import { renderPage } from '../../../test/render-page.tsx'
import { CapsulePage } from './capsule-page.tsx'
import { CapsulesPage } from './capsules-page.tsx'
import { EarlierRuns } from './earlier-runs.tsx'

const SUMMARY: CapsuleSummary = {
  id: 'cap_1',
  hostId: 'h1',
  containerId: 'a'.repeat(64),
  name: 'web-1',
  reason: 'exit',
  exitCode: 2,
  oomKilled: false,
  startedAt: '2026-12-07T10:00:00.000Z',
  finishedAt: '2026-12-07T10:20:30.000Z',
  image: 'nginx:1.27',
  imageDigest: 'nginx@sha256:abc',
  capturedAt: '2026-12-07T10:20:31.000Z',
  logSource: 'engine',
  logLineCount: 2,
}

const CAPSULE: Capsule = {
  ...SUMMARY,
  imageId: 'sha256:def',
  imageDigests: ['nginx@sha256:abc'],
  labels: { team: 'a' },
  inspect: { Id: 'a'.repeat(64), Config: { Env: ['DB_PASSWORD=[masked]'] } },
  log: [
    { stream: 'stdout', text: 'starting' },
    { stream: 'stderr', text: 'panic: no database' },
  ],
  notes: [],
}

const RETENTION: LogRetentionList = {
  rules: [
    {
      id: 'lr_1',
      match: 'label',
      value: 'keep-logs',
      scope: null,
      createdBy: 'alice',
      createdAt: '2026-12-07T09:00:00.000Z',
    },
  ],
  following: ['worker-1'],
}

const serveHost = (role: 'viewer' | 'operator', extra: (path: string) => Response | undefined) =>
  serveFetch(({ path, method }) => {
    if (path === '/api/hosts') return json([hostFixture(role)])
    if (method === 'POST' && path === '/api/hosts/h1/log-retention')
      return json({ ...RETENTION.rules[0], id: 'lr_2', value: 'tier=db' }, 201)
    return extra(path) ?? json({ error: { code: 'not_found', message: path } }, 404)
  })

describe('CapsulesPage', () => {
  it('lists what crashed, newest first, with why, the image and what of the log was kept', async () => {
    serveHost('viewer', (path) => {
      if (path.startsWith('/api/hosts/h1/capsules')) return json({ capsules: [SUMMARY] })
      if (path === '/api/hosts/h1/log-retention') return json(RETENTION)
      return undefined
    })
    renderPage({
      path: '/hosts/h1/capsules',
      route: '/hosts/:hostId/capsules',
      component: CapsulesPage,
    })

    const row = await screen.findByRole('row', { name: 'web-1: exited with code 2' })
    expect(within(row).getByRole('link', { name: 'web-1' }).getAttribute('href')).toBe(
      '/hosts/h1/capsules/cap_1',
    )
    expect(within(row).getByText('nginx:1.27')).toBeTruthy()
    expect(within(row).getByText('2 lines')).toBeTruthy()
    // A viewer reads the retention rules but may not change them.
    expect(await screen.findByText('keep-logs')).toBeTruthy()
    expect(screen.getByText('worker-1')).toBeTruthy()
    expect(screen.queryByRole('button', { name: 'Keep logs' })).toBeNull()
  })

  it('asks for one name’s capsules, and lets an operator add a retention rule', async () => {
    const requests = serveHost('operator', (path) => {
      if (path.startsWith('/api/hosts/h1/capsules')) return json({ capsules: [] })
      if (path === '/api/hosts/h1/log-retention') return json(RETENTION)
      return undefined
    })
    renderPage({
      path: '/hosts/h1/capsules',
      route: '/hosts/:hostId/capsules',
      component: CapsulesPage,
      search: 'name=web-1',
    })
    expect(await screen.findByText('Nothing crashed or was removed')).toBeTruthy()
    expect(requests.map((r) => r.path)).toContain('/api/hosts/h1/capsules?name=web-1')

    const user = userEvent.setup()
    await user.type(await screen.findByPlaceholderText('key or key=value'), 'tier=db')
    await user.click(screen.getByRole('button', { name: 'Keep logs' }))
    await expect
      .poll(() => requests.find((r) => r.method === 'POST')?.body)
      .toEqual({ match: 'label', value: 'tier=db' })
  })
})

describe('CapsulePage', () => {
  it('shows the exit, the image and digest, the notes, the log lines and the masked inspect', async () => {
    serveHost('viewer', (path) =>
      path === '/api/hosts/h1/capsules/cap_1'
        ? json({ ...CAPSULE, notes: ['The log was gone.'] })
        : undefined,
    )
    renderPage({
      path: '/hosts/h1/capsules/cap_1',
      route: '/hosts/:hostId/capsules/:id',
      component: CapsulePage,
    })
    expect(await screen.findByRole('heading', { name: 'web-1' })).toBeTruthy()
    expect(screen.getAllByText('exited with code 2').length).toBeGreaterThan(0)
    expect(screen.getByText('nginx@sha256:abc')).toBeTruthy()
    expect(screen.getByRole('note').textContent).toContain('The log was gone.')
    const log = screen.getByRole('log', { name: 'Log lines' })
    expect(within(log).getByText('panic: no database').getAttribute('data-stream')).toBe('stderr')
    expect(screen.getByText(/DB_PASSWORD=\[masked\]/)).toBeTruthy()
    // When it died, as a time of day in the reader's locale, not the wire's ISO string.
    const finishedAt = '2026-12-07T10:20:30.000Z'
    const finished = screen.getByText(new Date(finishedAt).toLocaleString())
    expect(finished.getAttribute('datetime')).toBe(finishedAt)
    // Viewers may not delete.
    expect(screen.queryByRole('button', { name: 'Delete' })).toBeNull()
  })

  it('lets an operator delete it, after confirming, and goes back to the list', async () => {
    const requests = serveHost('operator', (path) => {
      if (path === '/api/hosts/h1/capsules/cap_1') return json(CAPSULE)
      return undefined
    })
    const deleted = requests
    const { location } = renderPage({
      path: '/hosts/h1/capsules/cap_1',
      route: '/hosts/:hostId/capsules/:id',
      component: CapsulePage,
    })
    const user = userEvent.setup()
    await user.click(await screen.findByRole('button', { name: 'Delete' }))
    await user.click(
      within(await screen.findByRole('dialog')).getByRole('button', { name: 'Delete' }),
    )
    await expect
      .poll(() => deleted.filter((r) => r.method === 'DELETE').map((r) => r.path))
      .toEqual(['/api/hosts/h1/capsules/cap_1'])
    await expect.poll(() => location.history.at(-1)).toBe('/hosts/h1/capsules')
  })
})

describe('EarlierRuns', () => {
  it('lists the capsules of containers with the same name, and nothing when there are none', async () => {
    serveHost('viewer', (path) =>
      path === '/api/hosts/h1/capsules?name=web-1' ? json({ capsules: [SUMMARY] }) : undefined,
    )
    renderPage({
      path: '/hosts/h1/containers/web-1',
      route: '/hosts/:hostId/containers/:id',
      component: () => <EarlierRuns hostId="h1" name="web-1" />,
    })
    const section = await screen.findByRole('region', { name: 'Earlier runs of web-1' })
    expect(within(section).getByRole('row', { name: 'web-1: exited with code 2' })).toBeTruthy()
  })
})
