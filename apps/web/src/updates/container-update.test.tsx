// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../test/dom.ts'
import type { ContainerImageUpdateResult, ImageUpdateReport } from '@harbormaster/contract'
import { cleanup, fireEvent, screen } from '@testing-library/react'
import { useState } from 'react'
import { afterEach, describe, expect, it, vi } from 'vitest'
import { json, serveFetch } from '../../test/fake-server.ts'
import { renderPage } from '../../test/render-page.tsx'
import { ContainerUpdate } from './container-update.tsx'
import { updateKeys } from './queries.ts'

const report: ImageUpdateReport = {
  hostId: 'h1',
  checkedAt: '2026-12-07T06:00:00.000Z',
  images: [
    {
      image: 'registry.example.com/app:1',
      status: 'update-available',
      currentDigest: 'sha256:old',
      newDigest: 'sha256:new',
      containerIds: ['c1'],
      checkedAt: '2026-12-07T06:00:00.000Z',
      foundAt: '2026-12-07T05:00:00.000Z',
    },
  ],
}

function Page() {
  return (
    <ContainerUpdate
      hostId="h1"
      containerId="c1"
      name="web"
      mayChange
      onUpdated={() => undefined}
    />
  )
}

afterEach(cleanup)

describe('ContainerUpdate', () => {
  it('shows the badge, and says plainly when Update rolled back, with the reason', async () => {
    const rolledBack: ContainerImageUpdateResult = {
      outcome: 'rolled-back',
      containerId: 'c1',
      name: 'web',
      image: 'registry.example.com/app:1',
      previousImageId: 'sha256:a',
      imageId: 'sha256:b',
      reason: 'the new container is unhealthy',
    }
    const requests = serveFetch((request) =>
      Response.json(request.method === 'POST' ? rolledBack : report),
    )
    renderPage({
      path: '/',
      route: '/',
      component: Page,
      seed: (client) => {
        client.setQueryData(updateKeys.report('h1'), report)
      },
    })
    expect(screen.getByText('update available')).toBeTruthy()
    fireEvent.click(screen.getByRole('button', { name: 'Update' }))
    expect(await screen.findByText('Update of web rolled back')).toBeTruthy()
    expect(
      screen.getByText(/the new container is unhealthy\. The old container runs as before\./),
    ).toBeTruthy()
    expect(requests[0]).toMatchObject({
      method: 'POST',
      path: '/api/hosts/h1/updates/containers/c1',
    })
  })

  it('says the outcome even when the page lost the container meanwhile and unmounted it', async () => {
    const updated: ContainerImageUpdateResult = {
      outcome: 'updated',
      containerId: 'c9',
      name: 'web',
      image: 'registry.example.com/app:1',
      previousImageId: 'sha256:a',
      imageId: 'sha256:b',
    }
    let answer: ((response: Response) => void) | undefined
    const requests = serveFetch((request) =>
      request.method === 'POST'
        ? new Promise<Response>((resolve) => {
            answer = resolve
          })
        : json(report),
    )
    let followed = 0
    // The container page while the container is recreated: its old id is gone for a moment.
    function RecreatingPage() {
      const [found, setFound] = useState(true)
      return found ? (
        <>
          <button
            onClick={() => {
              setFound(false)
            }}
          >
            lose it
          </button>
          <ContainerUpdate
            hostId="h1"
            containerId="c1"
            name="web"
            mayChange
            onUpdated={() => {
              followed++
            }}
          />
        </>
      ) : null
    }
    renderPage({
      path: '/',
      route: '/',
      component: RecreatingPage,
      seed: (client) => {
        client.setQueryData(updateKeys.report('h1'), report)
      },
    })
    fireEvent.click(screen.getByRole('button', { name: 'Update' }))
    await vi.waitFor(() => {
      expect(requests.map((r) => r.method)).toContain('POST')
    })
    fireEvent.click(screen.getByRole('button', { name: 'lose it' }))
    answer?.(json(updated))
    expect(
      await screen.findByText('Updated web to the new registry.example.com/app:1'),
    ).toBeTruthy()
    expect(followed).toBe(1)
  })

  it('shows nothing for a container without an update', () => {
    serveFetch(() => Response.json(report))
    renderPage({
      path: '/',
      route: '/',
      component: () => (
        <ContainerUpdate
          hostId="h1"
          containerId="c2"
          name="db"
          mayChange
          onUpdated={() => undefined}
        />
      ),
      seed: (client) => {
        client.setQueryData(updateKeys.report('h1'), report)
      },
    })
    expect(screen.queryByText('update available')).toBeNull()
    expect(screen.queryByRole('button', { name: 'Update' })).toBeNull()
  })
})
