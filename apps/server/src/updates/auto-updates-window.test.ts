import { docker } from '@harbormaster/testkit'
import { describe, expect, it } from 'vitest'
import { startAutoUpdateHarness, windowFromNow } from '../../test/auto-update-harness.ts'

// A window that opens in three hours: every check below is outside it.
const { h, notices, recorder, containerBehind, idOf, setCredentials } = startAutoUpdateHarness(
  windowFromNow(180, 240),
)

describe('automatic updates outside the maintenance window', () => {
  it('leaves a labelled container with an update alone, and reports nothing', async () => {
    h.server.services.alerts.useDispatcher(recorder)
    await setCredentials()
    const operator = await h.as('operator')
    const name = h.uniqueName('waiting')
    const behind = await containerBehind(name, ['--label', 'harbormaster.auto-update=true'])

    const checked = await operator.post('/api/hosts/local/updates/check')
    expect(checked.status).toBe(200)
    expect(await h.server.services.autoUpdates.run('local')).toEqual([])
    expect(await idOf(name)).toBe(behind.id)
    const version = await docker(h.dockerHost, ['exec', name, 'cat', '/version'])
    expect(version.stdout.trim()).toBe('v1')
    expect(notices.filter((notice) => notice.kind === 'image.updated')).toEqual([])
    // The update is still there for the window (or a person) to apply.
    const report = (await (await operator.get('/api/hosts/local/updates')).json()) as {
      images: { image: string; status: string }[]
    }
    expect(report.images.find((entry) => entry.image === behind.reference)?.status).toBe(
      'update-available',
    )
  })
})
