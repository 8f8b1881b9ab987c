// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../test/dom.ts'
import type { Host, ImageSummary } from '@harbormaster/contract'
import { QueryClientProvider } from '@tanstack/react-query'
import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { Route, Router } from 'wouter'
import { memoryLocation } from 'wouter/memory-location'
import { createQueryClient } from '../app/query-client.ts'
import { hostKeys } from '../hosts/queries.ts'
import { ConfirmProvider, ToastProvider } from '../ui/index.ts'
import { ImageListPage } from './image-list-page.tsx'
import { imageListOptions, type ImageList } from './queries.ts'

// What the page shows first comes from the seeded cache; what it asks the server afterwards is
// answered by `answer` below, standing in for the server's images routes.

const HOST: Host = {
  id: 'h1',
  name: 'Local',
  address: 'unix:///var/run/docker.sock',
  reachable: true,
  engineVersion: '20.10.24',
  apiVersion: '1.41',
  allowedBindPrefixes: [],
  role: 'operator',
}

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

const json = (body: unknown, status = 200, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { 'Content-Type': 'application/json', ...headers },
  })

/** Answers the page's requests with `answer`, recording each as `METHOD /path?query`. */
function serve(answer: (request: string) => Response): string[] {
  const requests: string[] = []
  vi.stubGlobal('fetch', (input: string | URL, init?: RequestInit) => {
    const url = new URL(String(input))
    const request = `${init?.method ?? 'GET'} ${decodeURIComponent(url.pathname)}${url.search}`
    requests.push(request)
    return Promise.resolve(answer(request))
  })
  return requests
}
afterEach(() => {
  vi.unstubAllGlobals()
})

function renderPage(list: ImageList) {
  const client = createQueryClient()
  client.setQueryData(hostKeys.list(), [HOST])
  client.setQueryData(imageListOptions('h1').queryKey, list)
  const location = memoryLocation({ path: '/hosts/h1/images' })
  render(
    <QueryClientProvider client={client}>
      <ToastProvider>
        <ConfirmProvider>
          <Router hook={location.hook} searchHook={location.searchHook}>
            <Route path="/hosts/:hostId/images" component={ImageListPage} />
          </Router>
        </ConfirmProvider>
      </ToastProvider>
    </QueryClientProvider>,
  )
  return userEvent.setup()
}

const secondsAgo = (s: number) => new Date(Date.now() - s * 1000).toISOString()

describe('ImageListPage: how old the list is', () => {
  it('says when the engine was asked, and Refresh reads the list again', async () => {
    const user = renderPage({ images: [image(['app:1'])], measuredAt: secondsAgo(42) })
    expect(screen.getByText('measured 42 seconds ago')).toBeTruthy()

    const requests = serve(() =>
      json([image(['app:1']), image(['web:2'])], 200, { 'X-Measured-At': secondsAgo(0) }),
    )
    await user.click(screen.getByRole('button', { name: 'Refresh' }))

    expect(await screen.findByText('web:2')).toBeTruthy()
    expect(screen.getByText('measured less than a second ago')).toBeTruthy()
    expect(requests).toEqual(['GET /api/hosts/h1/images'])
  })

  it('shows no age when the server sent none', () => {
    renderPage({ images: [image(['app:1'])] })
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
    const user = renderPage({ images: [app] })
    const requests = serve((request) => {
      if (request.endsWith('force=false')) return refusal(MUST)
      if (request.endsWith('force=true'))
        return json({ untagged: ['app:1', 'app:latest'], deleted: [app.id] })
      return json([], 200, { 'X-Measured-At': secondsAgo(0) })
    })
    await askToRemove(user)

    const force = await screen.findByRole('dialog', { name: 'Remove app:1 anyway?' })
    expect(force.textContent).toContain(MUST)
    expect(force.textContent).toContain('app:1, app:latest')
    await user.click(within(force).getByRole('button', { name: 'Remove anyway (force)' }))

    expect(await screen.findByText('Removed app:1')).toBeTruthy()
    const removes = requests.filter((r) => r.startsWith('DELETE'))
    expect(removes).toEqual([
      `DELETE /api/hosts/h1/images/${app.id}?force=false`,
      `DELETE /api/hosts/h1/images/${app.id}?force=true`,
    ])
  })

  it('removes nothing more when the user declines, and says why it was not removed', async () => {
    const user = renderPage({ images: [image(['app:1', 'app:latest'])] })
    const requests = serve((request) =>
      request.startsWith('DELETE') ? refusal(MUST) : json([image(['app:1', 'app:latest'])]),
    )
    await askToRemove(user)
    const force = await screen.findByRole('dialog', { name: 'Remove app:1 anyway?' })
    await user.click(within(force).getByRole('button', { name: 'Cancel' }))

    expect(await screen.findByText('Could not remove app:1')).toBeTruthy()
    expect(requests.filter((r) => r.startsWith('DELETE'))).toHaveLength(1)
  })

  it('does not offer force where the engine says it cannot help', async () => {
    const user = renderPage({ images: [image(['app:1'])] })
    serve((request) => (request.startsWith('DELETE') ? refusal(CANNOT) : json([image(['app:1'])])))
    await askToRemove(user)

    expect(await screen.findByText('Could not remove app:1')).toBeTruthy()
    expect(screen.getByText(CANNOT)).toBeTruthy()
    expect(screen.queryByRole('dialog', { name: 'Remove app:1 anyway?' })).toBeNull()
  })
})
