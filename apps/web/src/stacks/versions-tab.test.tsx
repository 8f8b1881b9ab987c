// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../test/dom.ts'
import type { StackFiles, StackVersion } from '@harbormaster/contract'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { json, ndjsonStream, serveFetch } from '../../test/fake-server.ts'
import { hostFixture, stackDetailsFixture } from '../../test/fixtures.ts'
import { renderPage } from '../../test/render-page.tsx'
import { hostKeys } from '../hosts/queries.ts'
import { stackKeys } from './queries.ts'
import { StackPage } from './stack-page.tsx'

// The versions tab of a stack page (its diff in CodeMirror's merge view, in jsdom), and a
// rollback through the deploy dialog, against a stand-in for the server's answers.

const VERSIONS: StackVersion[] = [
  { version: 1, savedAt: '2026-12-01T10:00:00.000Z', savedBy: 'alice', comment: 'first' },
  { version: 2, savedAt: '2026-12-02T10:00:00.000Z', savedBy: 'bob' },
]
const composeOf = (image: string) => `services:\n  web:\n    image: ${image}\n    restart: always\n`

function versionFiles(version: number): StackFiles {
  return {
    version,
    compose: composeOf(`nginx:1.${25 + version}`),
    env: '',
    maskedEnv: [],
    savedAt: VERSIONS[version - 1]!.savedAt,
    savedBy: VERSIONS[version - 1]!.savedBy,
  }
}

function renderVersions(role: 'viewer' | 'operator') {
  let up: ReturnType<typeof ndjsonStream> | undefined
  const requests = serveFetch((r) => {
    if (r.path === '/api/hosts/h1/stacks/shop/versions') return json(VERSIONS)
    const version = /\/versions\/(\d+)$/.exec(r.path)?.[1]
    if (version) return json(versionFiles(Number(version)))
    if (r.path === '/api/hosts/h1/stacks/shop') return json(stackDetailsFixture())
    up = ndjsonStream(r.signal)
    return up.response
  })
  const { location } = renderPage({
    path: '/hosts/h1/stacks/shop/versions',
    route: '/hosts/:hostId/stacks/:name/:tab?',
    component: StackPage,
    seed: (client) => {
      client.setQueryData(hostKeys.list(), [hostFixture(role)])
      client.setQueryData(stackKeys.detail('h1', 'shop'), stackDetailsFixture())
    },
  })
  return { requests, location, user: userEvent.setup(), up: () => up }
}

describe('VersionsTab', () => {
  it('lists the versions and shows the previous and the latest side by side', async () => {
    renderVersions('viewer')
    const table = within(await screen.findByRole('table', { name: 'Versions' }))
    const rows = table.getAllByRole('row').slice(1)
    expect(rows.map((r) => within(r).getAllByRole('cell')[0]?.textContent)).toEqual(['v2', 'v1'])
    expect(rows[1]?.textContent).toContain('alice')
    expect(rows[1]?.textContent).toContain('first')
    expect(table.queryByRole('button', { name: 'Deploy this version' })).toBeNull()

    const diff = await screen.findByRole('group', { name: 'Version 1 and version 2' })
    await waitFor(() => {
      expect(diff.querySelectorAll('.cm-editor')).toHaveLength(2)
    })
    const [before, after] = Array.from(diff.querySelectorAll('.cm-content'), (c) => c.textContent)
    expect(before).toContain('nginx:1.26')
    expect(after).toContain('nginx:1.27')
    // The changed line is marked on both sides.
    expect(diff.querySelectorAll('.cm-changedLine').length).toBeGreaterThanOrEqual(2)
  })

  it('compares any version with the latest, both kept in the URL', async () => {
    VERSIONS.push({ version: 3, savedAt: '2026-12-03T10:00:00.000Z', savedBy: 'carol' })
    try {
      const { location, user } = renderVersions('viewer')
      const table = within(await screen.findByRole('table', { name: 'Versions' }))
      await screen.findByRole('group', { name: 'Version 2 and version 3' })
      const v1 = table.getAllByRole('row')[3]!
      await user.click(within(v1).getByRole('button', { name: 'Compare with latest' }))

      await screen.findByRole('group', { name: 'Version 1 and version 3' })
      expect(location.history?.at(-1)).toBe('/hosts/h1/stacks/shop/versions?a=1&b=3')
    } finally {
      VERSIONS.pop()
    }
  })

  it('deploys an older version through the deploy dialog, its progress in the panel', async () => {
    const { requests, user, up } = renderVersions('operator')
    const table = within(await screen.findByRole('table', { name: 'Versions' }))
    const v1 = table.getAllByRole('row')[2]!
    await user.click(within(v1).getByRole('button', { name: 'Deploy this version' }))

    const dialog = within(screen.getByRole('dialog', { name: 'Deploy version 1 of shop' }))
    await user.selectOptions(dialog.getByRole('combobox', { name: 'Images' }), 'always')
    await user.click(dialog.getByRole('button', { name: 'Deploy' }))

    await waitFor(() => {
      expect(up()).toBeDefined()
    })
    expect(requests.find((r) => r.method === 'POST')).toMatchObject({
      path: '/api/hosts/h1/stacks/shop/up',
      body: { version: 1, pull: 'always', removeOrphans: false },
    })
    const panel = within(screen.getByRole('region', { name: 'Progress' }))
    expect(panel.getByRole('heading', { name: 'Deploying version 1 of shop' })).toBeTruthy()
    up()?.send({
      type: 'step',
      object: 'container',
      name: 'shop-web-1',
      service: 'web',
      action: 'recreate',
      state: 'done',
    })
    up()?.send({ type: 'done', changes: 2 })
    up()?.end()
    await waitFor(() => {
      expect(panel.getByRole('status').textContent).toBe('done')
    })
    expect(screen.getByText('Deployed version 1 of shop')).toBeTruthy()
  })
})
