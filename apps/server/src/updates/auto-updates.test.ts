import type { StackAutoUpdate } from '@harbormaster/contract'
import { scaled } from '@harbormaster/testkit'
import { beforeAll, describe, expect, it } from 'vitest'
import { startAutoUpdateHarness, windowFromNow } from '../../test/auto-update-harness.ts'
import { expectApiError } from '../../test/harness.ts'
import { QUICK_STOP, STACKS, labelsYaml, storeStack } from '../../test/stack-deploy.ts'

// A window from an hour ago to two hours on: the checks below are inside it.
const window = windowFromNow(-60, 120)
const {
  h,
  cli,
  labelArgs,
  notices,
  recorder,
  containerBehind,
  idOf,
  setCredentials,
  untilServerKnows,
} = startAutoUpdateHarness(window)

/** Waits until an `image.updated` notice about the container was dispatched. */
async function reported(name: string) {
  await expect
    .poll(
      () => notices.filter((n) => n.kind === 'image.updated' && n.subject?.name === name).length,
      { timeout: scaled(90_000), interval: 200 },
    )
    .toBe(1)
}

interface Entry {
  action: string
  actorName: string | null
  target: string | null
  status: number
  parameters: Record<string, unknown> | null
}

describe('automatic updates inside the maintenance window', () => {
  beforeAll(() => {
    h.server.services.alerts.useDispatcher(recorder)
  })

  it('updates a labelled container after a check, audited as system and reported; not one without the label', async () => {
    await setCredentials()
    const operator = await h.as('operator')
    const admin = await h.as('admin')
    const labelled = h.uniqueName('opted-in')
    const plain = h.uniqueName('plain')
    const behind = await containerBehind(labelled, ['--label', 'harbormaster.auto-update=true'])
    const plainId = (
      await cli([
        'run',
        '-d',
        '--name',
        plain,
        ...labelArgs(),
        '--stop-timeout',
        '1',
        behind.reference,
        'sleep',
        '3600',
      ])
    ).stdout.trim()
    await untilServerKnows([plainId])

    const checked = await operator.post('/api/hosts/local/updates/check')
    expect(checked.status).toBe(200)
    // The check hands its findings to the automatic updates, which report when done.
    await reported(labelled)

    const newId = await idOf(labelled)
    expect(newId).not.toBe(behind.id)
    expect(await idOf(plain)).toBe(plainId)
    const version = await cli(['exec', labelled, 'cat', '/version'])
    expect(version.stdout.trim()).toBe('v2')

    expect(notices.filter((notice) => notice.subject?.name === labelled)).toEqual([
      expect.objectContaining({
        kind: 'image.updated',
        state: 'firing',
        ruleId: 'default-image-updated',
        severity: 'info',
        title: expect.stringContaining(`was updated automatically to the new ${behind.reference}`),
        subject: { type: 'container', id: newId, name: labelled },
      }),
    ])
    expect(notices.filter((notice) => notice.subject?.name === plain)).toEqual([])

    const page = (await (await admin.get('/api/audit?limit=50')).json()) as { entries: Entry[] }
    expect(
      page.entries.filter((entry) => entry.target === labelled && entry.actorName === 'system'),
    ).toEqual([
      expect.objectContaining({
        action: 'container.image-update',
        status: 200,
        parameters: expect.objectContaining({ automatic: true, outcome: 'updated' }),
      }),
    ])
    // The report tells the web when automatic updates run.
    const report = (await (await operator.get('/api/hosts/local/updates')).json()) as {
      autoUpdateWindow?: string
    }
    expect(report.autoUpdateWindow).toBe(`${window} UTC`)
  })

  it('a stack’s setting is an operator’s to set, and opts its containers in', async () => {
    const operator = await h.as('operator')
    const viewer = await h.as('viewer')
    const name = h.uniqueName('autostack')
    await storeStack(
      operator,
      name,
      `services:\n  app:\n    image: ${h.fixtureImage}\n    command: ${QUICK_STOP}\n    labels: ${labelsYaml(h)}\n`,
    )
    const url = `/api/hosts/local/updates/stacks/${name}/auto-update`
    await expectApiError(
      await viewer.request('PUT', url, { body: { enabled: true } }),
      403,
      'forbidden',
    )
    const set = await operator.request('PUT', url, { body: { enabled: true } })
    expect(set.status).toBe(200)
    expect((await set.json()) as StackAutoUpdate).toEqual({
      enabled: true,
      window: `${window} UTC`,
    })
    expect((await (await viewer.get(url)).json()) as StackAutoUpdate).toMatchObject({
      enabled: true,
    })
    await expectApiError(
      await operator.request(
        'PUT',
        `/api/hosts/local/updates/stacks/${h.uniqueName('none')}/auto-update`,
        {
          body: { enabled: true },
        },
      ),
      404,
      'not_found',
    )
    // Opted in through the stack: a container of the project (as compose labels it) is updated.
    const member = h.uniqueName('member')
    const behind = await containerBehind(member, ['--label', `com.docker.compose.project=${name}`])
    await operator.post('/api/hosts/local/updates/check')
    await reported(member)
    expect(notices.find((notice) => notice.subject?.name === member)?.title).toMatch(
      /was updated automatically/,
    )
    expect(await idOf(member)).not.toBe(behind.id)
    await operator.request('PUT', url, { body: { enabled: false } })
    expect((await (await viewer.get(url)).json()) as StackAutoUpdate).toMatchObject({
      enabled: false,
    })
    await cli(['rm', '-f', member])
    const removed = await operator.request('DELETE', `${STACKS}/${name}`)
    expect(removed.status, await removed.clone().text()).toBeLessThan(300)
  })
})
