import { describe, expect, it } from 'vitest'
import { expectApiError } from '../../../test/expect-api-error.ts'
import { startFastApp } from '../../../test/fast-app.ts'

const path = '/api/hosts/local/history/settings'

describe("a host's history settings", () => {
  const fast = startFastApp()

  it('are off until an admin turns them on; everyone who sees the host reads them', async () => {
    const admin = await fast.as('admin')
    const viewer = await fast.as('viewer')
    expect(await (await viewer.get(path)).json()).toMatchObject({
      metrics: false,
      recording: 'off',
      updatedBy: null,
    })

    const heard: unknown[] = []
    const stop = fast.services.historySettings.onChange((hostId, settings) =>
      heard.push({ hostId, metrics: settings.metrics, recording: settings.recording }),
    )
    const res = await admin.request('PUT', path, {
      body: { metrics: true, recording: 'output' },
    })
    stop()

    expect(res.status).toBe(200)
    expect(await (await viewer.get(path)).json()).toMatchObject({
      metrics: true,
      recording: 'output',
      updatedBy: 'admin',
    })
    expect(heard).toEqual([{ hostId: 'local', metrics: true, recording: 'output' }])
    expect(fast.services.historySettings.hostsWithMetrics()).toEqual(['local'])
    expect(fast.audit()[0]).toMatchObject({
      action: 'history.settings.set',
      hostId: 'local',
      parameters: { metrics: true, recording: 'output' },
      status: 200,
    })
  })

  it('are changed by admins only, and bad input is named', async () => {
    const operator = await fast.as('operator')
    const admin = await fast.as('admin')
    const body = { metrics: true, recording: 'off' }

    await expectApiError(await operator.request('PUT', path, { body }), 403, 'forbidden')
    await expectApiError(
      await admin.request('PUT', path, { body: { metrics: true, recording: 'everything' } }),
      400,
      'invalid_request',
      /recording/,
    )
    await expectApiError(
      await admin.request('PUT', path, { body: { ...body, extra: 1 } }),
      400,
      'invalid_request',
    )
  })
})
