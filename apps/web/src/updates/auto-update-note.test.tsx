// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../test/dom.ts'
import type { ImageUpdateReport } from '@harbormaster/contract'
import { cleanup, screen } from '@testing-library/react'
import { afterEach, describe, expect, it } from 'vitest'
import { serveFetch } from '../../test/fake-server.ts'
import { renderPage } from '../../test/render-page.tsx'
import { AutoUpdateNote } from './auto-update.tsx'
import { updateKeys } from './queries.ts'

afterEach(cleanup)

function renderNote(labels: Record<string, string>, report: ImageUpdateReport) {
  serveFetch(() => Response.json(report))
  renderPage({
    path: '/',
    route: '/',
    component: () => <AutoUpdateNote hostId="h1" labels={labels} />,
    seed: (client) => {
      client.setQueryData(updateKeys.report('h1'), report)
    },
  })
}

const base: ImageUpdateReport = { hostId: 'h1', checkedAt: null, images: [] }

describe('AutoUpdateNote', () => {
  it('says when a labelled container updates itself', () => {
    renderNote(
      { 'harbormaster.auto-update': 'true' },
      { ...base, autoUpdateWindow: '02:00-05:00 UTC' },
    )
    expect(
      screen.getByText('Updates automatically in the maintenance window 02:00-05:00 UTC'),
    ).toBeTruthy()
  })

  it('says plainly that no window means never, and nothing without the label', () => {
    renderNote({ 'harbormaster.auto-update': 'true' }, base)
    expect(screen.getByText(/no maintenance window is set .* so never automatically/)).toBeTruthy()
    cleanup()
    renderNote({}, { ...base, autoUpdateWindow: '02:00-05:00 UTC' })
    expect(screen.queryByText(/Updates automatically/)).toBeNull()
  })
})
