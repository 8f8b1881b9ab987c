// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../../test/dom.ts'
import type { AuthUser, HistorySettings, MetricHistory } from '@harbormaster/contract'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { QueryClientProvider } from '@tanstack/react-query'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { json, serveFetch } from '../../../test/fake-server.ts'
import { hostFixture } from '../../../test/fixtures.ts'
import { createQueryClient, meKey } from '../../app/query-client.ts'
import { ToastProvider } from '../../ui/index.ts'
import { HistorySettingsDialog } from './history-settings-dialog.tsx'
import { ContainerHistory } from './metric-history-view.tsx'
import { type ChartRange, RangePicker } from './range-picker.tsx'

function Picked() {
  const [range, setRange] = useState<ChartRange>('live')
  return (
    <>
      <RangePicker value={range} onChange={setRange} />
      <output>{range}</output>
    </>
  )
}

const emptyBand = { min: [], avg: [], max: [] }
const OFF: MetricHistory = {
  enabled: false,
  range: '24h',
  tier: '10s',
  stepSeconds: 10,
  from: 0,
  to: 1,
  series: { key: 'name:web', name: 'web' },
  times: [],
  metrics: {
    cpuPercent: emptyBand,
    memoryUsed: emptyBand,
    networkRx: emptyBand,
    networkTx: emptyBand,
    blockRead: emptyBand,
    blockWrite: emptyBand,
  },
  idChanges: [],
}

function renderWith(ui: React.ReactNode, role: AuthUser['role']) {
  const client = createQueryClient()
  const me: AuthUser = { id: 'u1', username: 'someone', role, hostGrants: [] }
  client.setQueryData(meKey, me)
  render(
    <QueryClientProvider client={client}>
      <ToastProvider>{ui}</ToastProvider>
    </QueryClientProvider>,
  )
  return userEvent.setup()
}

describe('the range picker', () => {
  it('offers live, 1 h, 24 h, 7 d and 90 d, one pressed at a time', async () => {
    const user = userEvent.setup()
    render(<Picked />)
    const buttons = screen.getAllByRole('button')
    expect(buttons.map((b) => b.textContent)).toEqual(['Live', '1 h', '24 h', '7 d', '90 d'])
    expect(screen.getByRole('button', { name: 'Live' }).getAttribute('aria-pressed')).toBe('true')
    await user.click(screen.getByRole('button', { name: '24 h' }))
    expect(screen.getByRole('status').textContent).toBe('24h')
    expect(screen.getByRole('button', { name: '24 h' }).getAttribute('aria-pressed')).toBe('true')
    expect(screen.getByRole('button', { name: 'Live' }).getAttribute('aria-pressed')).toBe('false')
  })
})

describe('a container’s kept history', () => {
  it('asks for the range picked, and says when history is off and where an admin turns it on', async () => {
    const requests = serveFetch(() => json(OFF))
    renderWith(<ContainerHistory hostId="h1" containerId="abc" range="24h" />, 'admin')
    expect(await screen.findByText('Metric history is off for this host')).toBeTruthy()
    const link = screen.getByRole('link', { name: 'Administration → Hosts → History' })
    expect(link.getAttribute('href')).toBe('/admin/hosts?history=h1')
    expect(requests.map((r) => r.path)).toEqual(['/api/hosts/h1/containers/abc/history?range=24h'])
  })

  it('tells a non-admin that an administrator can turn it on, without a link', async () => {
    serveFetch(() => json(OFF))
    renderWith(<ContainerHistory hostId="h1" containerId="abc" range="7d" />, 'viewer')
    expect(await screen.findByText(/An administrator can turn it on/)).toBeTruthy()
    expect(screen.queryByRole('link')).toBeNull()
  })
})

describe('the history settings of a host', () => {
  const SAVED: HistorySettings = {
    metrics: false,
    recording: 'off',
    updatedBy: null,
    updatedAt: null,
  }

  it('shows the estimated cost before metric history is switched on, warns about recorded input, and saves', async () => {
    const requests = serveFetch(({ method, path, body }) => {
      if (path.endsWith('/history/metrics/estimate'))
        return json({
          runningContainers: 100,
          enginePercentOfCore: 3.5,
          databaseMbPerDay: 79.4,
          databaseMbAtMost: 306.2,
        })
      if (method === 'PUT') return json({ ...SAVED, ...(body as object), updatedBy: 'admin' })
      return json(SAVED)
    })
    let closed = false
    const user = renderWith(
      <HistorySettingsDialog
        host={{ ...hostFixture('admin'), id: 'h1', name: 'prod' }}
        onClose={() => {
          closed = true
        }}
      />,
      'admin',
    )
    const note = await screen.findByRole('note')
    expect(note.textContent).toMatch(/about 3\.5 % of a core .* 100 containers running now/)
    expect(note.textContent).toMatch(/about 79\.4 MB of database a day/)
    await user.click(screen.getByRole('checkbox'))
    await user.selectOptions(screen.getByLabelText('Terminal recording'), 'output-and-input')
    expect(
      screen.getByText(/Input includes whatever is typed in the terminal, passwords too/),
    ).toBeTruthy()
    await user.click(screen.getByRole('button', { name: 'Save' }))
    await expect.poll(() => closed).toBe(true)
    const put = requests.find((r) => r.method === 'PUT')
    expect(put).toEqual({
      method: 'PUT',
      path: '/api/hosts/h1/history/settings',
      body: { metrics: true, recording: 'output-and-input' },
    })
  })
})
