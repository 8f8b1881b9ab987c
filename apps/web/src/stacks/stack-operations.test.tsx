// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../test/dom.ts'
import type { StackDetails } from '@harbormaster/contract'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { json, ndjsonStream, serveFetch } from '../../test/fake-server.ts'
import { hostFixture, stackDetailsFixture } from '../../test/fixtures.ts'
import { renderPage } from '../../test/render-page.tsx'
import { hostKeys } from '../hosts/queries.ts'
import { stackKeys } from './queries.ts'
import { StackPage } from './stack-page.tsx'

// The stack page's lifecycle actions against a stand-in for the server's answer: each action's
// NDJSON StackLine stream is written by the test, line by line, as the server would send it.

function renderStack(stack: StackDetails = stackDetailsFixture()) {
  renderPage({
    path: `/hosts/h1/stacks/${stack.name}`,
    route: '/hosts/:hostId/stacks/:name/:tab?',
    component: StackPage,
    seed: (client) => {
      client.setQueryData(hostKeys.list(), [hostFixture('operator')])
      client.setQueryData(stackKeys.detail('h1', stack.name), stack)
    },
  })
  return {
    user: userEvent.setup(),
    panel: () => within(screen.getByRole('region', { name: 'Progress' })),
    steps: () =>
      within(screen.getByRole('list', { name: 'Steps' }))
        .getAllByRole('listitem')
        .map((li) => Array.from(li.children, (c) => c.textContent).join('|')),
  }
}

const step = (name: string, action: string, state: string, extra: object = {}) => ({
  type: 'step',
  object: 'container',
  name,
  action,
  state,
  ...extra,
})

/**
 * Answers the one operation POST with a stream the test writes, and reads with `reads` (the
 * stack itself, which the page reads again once the operation ends, by default).
 */
function serveOperation(reads: Record<string, unknown> = {}) {
  let stream: ReturnType<typeof ndjsonStream> | undefined
  const answers: Record<string, unknown> = {
    '/api/hosts/h1/stacks/shop': stackDetailsFixture(),
    ...reads,
  }
  const requests = serveFetch((request) => {
    if (request.method === 'GET') return json(answers[request.path] ?? [])
    stream = ndjsonStream(request.signal)
    return stream.response
  })
  const operation = async () => {
    await waitFor(() => {
      expect(stream).toBeDefined()
    })
    return stream!
  }
  return { requests, operation }
}

describe('stack operations and their progress', () => {
  it('streams a stop step by step, one line per container, and says when it is done', async () => {
    const { requests, operation } = serveOperation()
    const { user, panel, steps } = renderStack()
    await user.click(screen.getByRole('button', { name: 'Stop' }))
    const stream = await operation()
    expect(requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/api/hosts/h1/stacks/shop/stop',
      body: {},
    })
    expect(panel().getByRole('heading', { name: 'Stopping shop' })).toBeTruthy()

    stream.send(step('shop-web-1', 'stop', 'started', { service: 'web' }))
    stream.send(step('shop-db-1', 'keep', 'done', { service: 'db', message: 'not running' }))
    stream.send(step('shop-web-1', 'stop', 'done', { service: 'web' }))
    stream.send({ type: 'done', changes: 1 })
    stream.end()

    await waitFor(() => {
      expect(panel().getByRole('status').textContent).toBe('done')
    })
    expect(steps()).toEqual([
      'container|shop-web-1|stop|done||',
      'container|shop-db-1|keep|done||not running',
    ])
    expect(screen.getByText('Stopped shop')).toBeTruthy()
    expect(panel().getByRole('button', { name: 'Close' })).toBeTruthy()
  })

  it("names what down removes, then shows a failed step with the engine's message", async () => {
    const { requests, operation } = serveOperation({
      '/api/hosts/h1/networks': [
        {
          name: 'shop_default',
          labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.network': 'default' },
        },
        { name: 'shop_lookalike', labels: {} },
      ],
      '/api/hosts/h1/volumes': [
        {
          name: 'shop_data',
          labels: { 'com.docker.compose.project': 'shop', 'com.docker.compose.volume': 'data' },
        },
        {
          name: 'other',
          labels: { 'com.docker.compose.project': 'other', 'com.docker.compose.volume': 'x' },
        },
      ],
    })
    const { user, panel, steps } = renderStack()
    await user.click(screen.getByRole('button', { name: 'Down…' }))
    const dialog = within(screen.getByRole('dialog', { name: 'Take shop down?' }))
    expect(dialog.getByRole('list', { name: 'Containers' }).textContent).toBe('shop-db-1shop-web-1')
    await waitFor(() => {
      expect(dialog.getByRole('list', { name: 'Networks' }).textContent).toBe('shop_default')
    })
    expect(dialog.queryByRole('list', { name: 'Volumes' })).toBeNull()
    await user.click(dialog.getByRole('checkbox', { name: /Also remove volumes/ }))
    await waitFor(() => {
      expect(dialog.getByRole('list', { name: 'Volumes' }).textContent).toBe('shop_data')
    })
    await user.click(dialog.getByRole('button', { name: 'Take down and remove volumes' }))

    const stream = await operation()
    expect(requests.at(-1)).toMatchObject({
      method: 'POST',
      path: '/api/hosts/h1/stacks/shop/down',
      body: { volumes: true },
    })
    stream.send(step('shop-web-1', 'stop', 'done'))
    stream.send(
      step('shop-web-1', 'remove', 'failed', {
        message: 'removal of container is already in progress',
      }),
    )
    stream.send({
      error: { code: 'engine_error', message: 'removal of container is already in progress' },
    })
    stream.end()

    await waitFor(() => {
      expect(panel().getByRole('status').textContent).toBe('failed')
    })
    expect(panel().getByRole('alert').textContent).toBe(
      'removal of container is already in progress',
    )
    expect(steps()[1]).toBe(
      'container|shop-web-1|remove|failed||removal of container is already in progress',
    )
    expect(screen.queryByText('Took down shop')).toBeNull()
  })

  it('says so when the answer ends before the operation said it was done', async () => {
    const { operation } = serveOperation()
    const { user, panel } = renderStack()
    await user.click(screen.getByRole('button', { name: 'Restart' }))
    const stream = await operation()
    stream.send(step('shop-web-1', 'restart', 'started'))
    stream.end()

    await waitFor(() => {
      expect(panel().getByRole('alert').textContent).toMatch(/^The answer ended before/)
    })
    expect(panel().getByRole('status').textContent).toBe('failed')
    expect(screen.queryByText('Restarted shop')).toBeNull()
  })

  it('shows a pull percentage, and Cancel aborts the request', async () => {
    const { requests, operation } = serveOperation()
    const { user, panel } = renderStack()
    await user.click(screen.getByRole('button', { name: 'Pull' }))
    const stream = await operation()
    stream.send({
      type: 'step',
      object: 'image',
      name: 'nginx:1.27',
      action: 'pull',
      state: 'progress',
      current: 45,
      total: 100,
    })
    const bar = await waitFor(() => panel().getByRole('progressbar', { name: 'nginx:1.27 45%' }))
    expect(bar.getAttribute('value')).toBe('45')

    await user.click(panel().getByRole('button', { name: 'Cancel' }))

    await waitFor(() => {
      expect(panel().getByRole('status').textContent).toBe('cancelled')
    })
    expect(requests.find((r) => r.method === 'POST')?.signal?.aborted).toBe(true)
    expect(panel().queryByRole('alert')).toBeNull()
    expect(panel().getByRole('button', { name: 'Close' })).toBeTruthy()
  })
})
