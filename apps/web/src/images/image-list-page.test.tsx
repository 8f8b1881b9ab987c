// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../test/dom.ts'
import type { ImageSummary } from '@harbormaster/contract'
import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { json, serveFetch } from '../../test/fake-server.ts'
import { hostFixture } from '../../test/fixtures.ts'
import { renderPage } from '../../test/render-page.tsx'
import { hostKeys } from '../hosts/queries.ts'
import { ImageListPage } from './image-list-page.tsx'
import { imageListOptions, type ImageList } from './queries.ts'

// What the page shows first comes from the seeded cache; what it asks the server afterwards is
// answered by each test's serveFetch, standing in for the server's images routes.

let ids = 0
function image(tags: string[]): ImageSummary {
  ids++
  return {
    id: `sha256:${String(ids).padStart(64, '0')}`,
    repoTags: tags,
    repoDigests: [],
    created: 1_764_800_000,
    size: 4_000_000,
    labels: {},
    dangling: tags.length === 0,
    inUse: false,
    containers: [],
  }
}

function renderImages(list: ImageList) {
  renderPage({
    path: '/hosts/h1/images',
    route: '/hosts/:hostId/images',
    component: ImageListPage,
    seed: (client) => {
      client.setQueryData(hostKeys.list(), [hostFixture()])
      client.setQueryData(imageListOptions('h1').queryKey, list)
    },
  })
  return userEvent.setup()
}

const secondsAgo = (s: number) => new Date(Date.now() - s * 1000).toISOString()

describe('ImageListPage: how old the list is', () => {
  it('says when the engine was asked, and Refresh reads the list again', async () => {
    const user = renderImages({ images: [image(['app:1'])], measuredAt: secondsAgo(42) })
    expect(screen.getByText('measured 42 seconds ago')).toBeTruthy()

    const requests = serveFetch(() =>
      json([image(['app:1']), image(['web:2'])], 200, { 'X-Measured-At': secondsAgo(0) }),
    )
    await user.click(screen.getByRole('button', { name: 'Refresh' }))

    expect(await screen.findByText('web:2')).toBeTruthy()
    expect(screen.getByText('measured less than a second ago')).toBeTruthy()
    expect(requests).toEqual([{ method: 'GET', path: '/api/hosts/h1/images' }])
  })

  it('shows no age when the server sent none', () => {
    renderImages({ images: [image(['app:1'])] })
    expect(screen.queryByText(/^measured/)).toBeNull()
  })
})

describe('ImageListPage: removing an image the engine will only remove by force', () => {
  const MUST =
    'conflict: unable to delete 0123456789ab (must be forced) - image is referenced in multiple repositories'
  const CANNOT =
    'conflict: unable to delete 0123456789ab (cannot be forced) - image is being used by running container 9f'
  const refusal = (message: string) => json({ error: { code: 'conflict', message } }, 409)

  async function askToRemove(user: ReturnType<typeof userEvent.setup>) {
    await user.click(screen.getByRole('button', { name: 'Remove' }))
    const first = await screen.findByRole('dialog', { name: 'Remove app:1?' })
    await user.click(within(first).getByRole('button', { name: 'Remove' }))
  }

  it('offers to force it with the engine’s reason, then removes every tag', async () => {
    const app = image(['app:1', 'app:latest'])
    const user = renderImages({ images: [app] })
    const requests = serveFetch((request) => {
      if (request.path.endsWith('force=false')) return refusal(MUST)
      if (request.path.endsWith('force=true'))
        return json({ untagged: ['app:1', 'app:latest'], deleted: [app.id] })
      return json([], 200, { 'X-Measured-At': secondsAgo(0) })
    })
    await askToRemove(user)

    const force = await screen.findByRole('dialog', { name: 'Remove app:1 anyway?' })
    expect(force.textContent).toContain(MUST)
    expect(force.textContent).toContain('app:1, app:latest')
    await user.click(within(force).getByRole('button', { name: 'Remove anyway (force)' }))

    expect(await screen.findByText('Removed app:1')).toBeTruthy()
    const removes = requests.filter((r) => r.method === 'DELETE')
    expect(removes).toEqual([
      { method: 'DELETE', path: `/api/hosts/h1/images/${app.id}?force=false` },
      { method: 'DELETE', path: `/api/hosts/h1/images/${app.id}?force=true` },
    ])
  })

  it('removes nothing more when the user declines, and says why it was not removed', async () => {
    const user = renderImages({ images: [image(['app:1', 'app:latest'])] })
    const requests = serveFetch((request) =>
      request.method === 'DELETE' ? refusal(MUST) : json([image(['app:1', 'app:latest'])]),
    )
    await askToRemove(user)
    const force = await screen.findByRole('dialog', { name: 'Remove app:1 anyway?' })
    await user.click(within(force).getByRole('button', { name: 'Cancel' }))

    expect(await screen.findByText('Could not remove app:1')).toBeTruthy()
    expect(requests.filter((r) => r.method === 'DELETE')).toHaveLength(1)
  })

  it('does not offer force where the engine says it cannot help', async () => {
    const user = renderImages({ images: [image(['app:1'])] })
    serveFetch((request) =>
      request.method === 'DELETE' ? refusal(CANNOT) : json([image(['app:1'])]),
    )
    await askToRemove(user)

    expect(await screen.findByText('Could not remove app:1')).toBeTruthy()
    expect(screen.getByText(CANNOT)).toBeTruthy()
    expect(screen.queryByRole('dialog', { name: 'Remove app:1 anyway?' })).toBeNull()
  })
})
