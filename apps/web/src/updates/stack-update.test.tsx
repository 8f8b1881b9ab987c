// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../test/dom.ts'
import type { StackAutoUpdate } from '@harbormaster/contract'
import { cleanup, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { json, ndjsonStream, serveFetch } from '../../test/fake-server.ts'
import { hostFixture, stackDetailsFixture } from '../../test/fixtures.ts'
import { renderPage } from '../../test/render-page.tsx'
import { hostKeys } from '../hosts/queries.ts'
import { stackKeys } from '../stacks/queries.ts'
import { StackPage } from '../stacks/stack-page.tsx'

afterEach(cleanup)

const stack = stackDetailsFixture({ updates: ['web'] })

function renderStack() {
  renderPage({
    path: `/hosts/h1/stacks/${stack.name}`,
    route: '/hosts/:hostId/stacks/:name/:tab?',
    component: StackPage,
    seed: (client) => {
      client.setQueryData(hostKeys.list(), [hostFixture('operator')])
      client.setQueryData(stackKeys.detail('h1', stack.name), stack)
    },
  })
  return userEvent.setup()
}

describe('image updates on a stack’s page', () => {
  it('shows which service has an update and streams Update from the stack’s update route', async () => {
    let stream: ReturnType<typeof ndjsonStream> | undefined
    const requests = serveFetch((request) => {
      if (request.path.endsWith('/auto-update'))
        return json({ enabled: false, window: '02:00-05:00 UTC' } satisfies StackAutoUpdate)
      if (request.method === 'GET') return json(stack)
      stream = ndjsonStream(request.signal)
      return stream.response
    })
    const user = renderStack()
    // The head's badge, and the web service's card; not the db's.
    expect(screen.getAllByText('update available')).toHaveLength(2)
    const db = screen.getByRole('heading', { name: 'db' }).closest('section')
    expect(db).not.toBeNull()
    expect(within(db!).queryByText('update available')).toBeNull()

    await user.click(screen.getByRole('button', { name: 'Update' }))
    await waitFor(() => {
      expect(stream).toBeDefined()
    })
    expect(requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/api/hosts/h1/stacks/shop/update',
    })
    stream?.send({ type: 'done', changes: 2 })
    stream?.end()
    expect(await screen.findByText('Updated the images of shop')).toBeTruthy()
  })

  it('turns automatic updates on for an operator, and says in which window they run', async () => {
    let enabled = false
    const requests = serveFetch((request) => {
      if (request.path.endsWith('/auto-update')) {
        if (request.method === 'PUT') enabled = true
        return json({ enabled, window: '02:00-05:00 UTC' } satisfies StackAutoUpdate)
      }
      return json(stack)
    })
    const user = renderStack()
    const box = await screen.findByRole('checkbox', { name: 'Update images automatically' })
    await user.click(box)
    expect(await screen.findByText('in the maintenance window 02:00-05:00 UTC')).toBeTruthy()
    expect(requests.find((request) => request.method === 'PUT')).toMatchObject({
      path: '/api/hosts/h1/updates/stacks/shop/auto-update',
      body: { enabled: true },
    })
  })
})
