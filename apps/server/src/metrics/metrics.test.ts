import { describe, expect, it } from 'vitest'
import { expectApiError, startHarness } from '../../test/harness.ts'

describe('GET /api/metrics', () => {
  const h = startHarness()

  it('shows admins what the dashboard costs its engines', async () => {
    const admin = await h.as('admin')
    await admin.get('/api/hosts/local/containers')

    const res = await admin.get('/api/metrics')
    const text = await res.text()

    expect(res.status).toBe(200)
    expect(text).toMatch(/^harbormaster_engine_requests_total\{host="local"\} [1-9]\d*$/m)
    expect(text).toMatch(/^harbormaster_model_full_reads_total\{host="local"\} [1-9]\d*$/m)
    expect(text).toMatch(/^harbormaster_model_drift_repaired_total\{host="local"\} \d+$/m)
    expect(text).toMatch(/^harbormaster_events_connected\{host="local"\} 1$/m)
  })

  it('is for admins only', async () => {
    await expectApiError(await (await h.as('operator')).get('/api/metrics'), 403, 'forbidden')
  })
})
