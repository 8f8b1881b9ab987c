import { describe, expect, it } from 'vitest'
import { startHarness } from '../../test/harness.ts'

interface Entry {
  action: string
  actorName: string | null
  target: string | null
  status: number
  parameters: unknown
}

describe('the audit log, through the real server and engine', () => {
  const h = startHarness()
  const base = '/api/hosts/local/containers'

  it('records each container mutation, refusals included, with secrets absent', async () => {
    const operator = await h.as('operator')
    const viewer = await h.as('viewer')
    const admin = await h.as('admin')
    const name = h.uniqueName('audited')

    const created = await operator.post(base, {
      image: h.fixtureImage,
      name,
      cmd: ['sleep', '300'],
      env: ['DB_PASSWORD=hunter2-secret', 'MODE=prod'],
      labels: h.labels,
    })
    const { id } = (await created.json()) as { id: string }
    await operator.post(`${base}/${id}/start`)
    await viewer.post(`${base}/${id}/stop`)
    await operator.post(`${base}/${id}/stop?t=0`)
    await operator.delete(`${base}/${id}`)

    const page = (await (await admin.get('/api/audit?limit=50')).json()) as { entries: Entry[] }
    const mine = page.entries.filter((e) => e.target === id).reverse()
    expect(mine.map((e) => [e.action, e.actorName, e.status])).toEqual([
      ['container.create', `operator-${h.runId.slice(-6)}`, 201],
      ['container.start', `operator-${h.runId.slice(-6)}`, 204],
      ['container.stop', `viewer-${h.runId.slice(-6)}`, 403],
      ['container.stop', `operator-${h.runId.slice(-6)}`, 204],
      ['container.remove', `operator-${h.runId.slice(-6)}`, 204],
    ])
    const log = JSON.stringify(page.entries)
    // Variable names stay for the record; every value is hidden, since any may be a secret.
    expect(log).toContain('DB_PASSWORD=[redacted]')
    expect(log).not.toContain('MODE=prod')
    expect(log).not.toContain('hunter2-secret')
    expect(log).not.toContain('operator-password-1')
  })
})
