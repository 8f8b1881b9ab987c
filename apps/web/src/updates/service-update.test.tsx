// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../test/dom.ts'
import type { ImageUpdateReport, ServiceImageUpdateResult } from '@harbormaster/contract'
import { cleanup, fireEvent, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { serveFetch } from '../../test/fake-server.ts'
import { renderPage } from '../../test/render-page.tsx'
import { updateKeys } from './queries.ts'
import { ServiceUpdateButton } from './service-update-button.tsx'
import { UpdateBadge } from './update-badge.tsx'

const image = 'registry.example.com/app:1@sha256:old'
const report: ImageUpdateReport = {
  hostId: 'h1',
  checkedAt: '2026-12-07T06:00:00.000Z',
  images: [
    {
      image,
      status: 'update-available',
      currentDigest: 'sha256:old',
      newDigest: 'sha256:new',
      containerIds: [],
      serviceIds: ['s1'],
      checkedAt: '2026-12-07T06:00:00.000Z',
    },
  ],
}

function Page() {
  return (
    <>
      <UpdateBadge hostId="h1" serviceId="s1" />
      <ServiceUpdateButton hostId="h1" serviceId="s1" name="web" />
      <UpdateBadge hostId="h1" serviceId="s2" />
      <ServiceUpdateButton hostId="h1" serviceId="s2" name="other" />
    </>
  )
}

afterEach(cleanup)

describe('ServiceUpdateButton', () => {
  it('shows the badge and Update on the service the check found behind, and updates it', async () => {
    const updated: ServiceImageUpdateResult = {
      outcome: 'updated',
      serviceId: 's1',
      name: 'web',
      previousImage: image,
      image: 'registry.example.com/app:1@sha256:new',
      warnings: [],
    }
    const requests = serveFetch((request) =>
      Response.json(request.method === 'POST' ? updated : report),
    )
    renderPage({
      path: '/',
      route: '/',
      component: Page,
      seed: (client) => {
        client.setQueryData(updateKeys.report('h1'), report)
      },
    })
    // Only s1's: s2 is in no finding.
    expect(screen.getAllByText('update available')).toHaveLength(1)
    fireEvent.click(screen.getByRole('button', { name: 'Update image' }))
    expect(
      await screen.findByText('web is rolling over to registry.example.com/app:1@sha256:new'),
    ).toBeTruthy()
    expect(requests[0]).toMatchObject({ method: 'POST', path: '/api/hosts/h1/updates/services/s1' })
  })
})
