// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../test/dom.ts'
import type { Host, StackDetails } from '@harbormaster/contract'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { json, ndjsonStream, serveFetch } from '../../test/fake-server.ts'
import { hostFixture, stackContainerFixture, stackDetailsFixture } from '../../test/fixtures.ts'
import { renderPage } from '../../test/render-page.tsx'
import { hostKeys } from '../hosts/queries.ts'
import { stackKeys } from './queries.ts'
import { StackPage } from './stack-page.tsx'

// What the stack page offers next: the first deploy of a stack never deployed, and scaling a
// service of one that is. Each operation's NDJSON answer is written by the test.

function renderStack(stack: StackDetails, role: Host['role'] = 'operator') {
  let stream: ReturnType<typeof ndjsonStream> | undefined
  const requests = serveFetch((request) => {
    if (request.method === 'GET') return json(stack)
    stream = ndjsonStream(request.signal)
    return stream.response
  })
  renderPage({
    path: `/hosts/h1/stacks/${stack.name}`,
    route: '/hosts/:hostId/stacks/:name/:tab?',
    component: StackPage,
    seed: (client) => {
      client.setQueryData(hostKeys.list(), [hostFixture(role)])
      client.setQueryData(stackKeys.detail('h1', stack.name), stack)
    },
  })
  const operation = async () => {
    await waitFor(() => {
      expect(stream).toBeDefined()
    })
    return stream!
  }
  return { requests, operation, user: userEvent.setup() }
}

const NEW_STACK = stackDetailsFixture({ services: [], deployed: undefined })
const TWO_WORKERS = stackDetailsFixture({
  services: [
    {
      name: 'worker',
      image: 'busybox:1',
      containers: [
        stackContainerFixture('shop', 'worker'),
        stackContainerFixture('shop', 'worker', { number: 2 }),
      ],
    },
  ],
})

describe('the first deploy', () => {
  it('is offered on a new stack’s page and deploys its saved version', async () => {
    const { requests, operation, user } = renderStack(NEW_STACK)
    const notice = within(screen.getByRole('note', { name: 'Not deployed yet' }))
    expect(notice.getByText('Version 2 is saved, and nothing runs from it yet.')).toBeTruthy()
    await user.click(notice.getByRole('button', { name: 'Deploy version 2' }))
    const dialog = within(screen.getByRole('dialog', { name: 'Deploy shop (version 2)' }))
    await user.click(dialog.getByRole('button', { name: 'Deploy' }))

    const up = await operation()
    expect(requests.find((r) => r.method === 'POST')).toMatchObject({
      path: '/api/hosts/h1/stacks/shop/up',
      body: { pull: 'missing', removeOrphans: false },
    })
    up.send({ type: 'done', changes: 3 })
    up.end()
    await waitFor(() => {
      expect(
        within(screen.getByRole('region', { name: 'Progress' })).getByRole('status').textContent,
      ).toBe('done')
    })
  })

  it('is not offered once deployed, nor to a viewer', () => {
    renderStack(stackDetailsFixture())
    expect(screen.queryByRole('note', { name: 'Not deployed yet' })).toBeNull()
    document.body.innerHTML = ''

    renderStack(NEW_STACK, 'viewer')
    expect(screen.queryByRole('note', { name: 'Not deployed yet' })).toBeNull()
  })
})

describe('scaling a service', () => {
  it('runs a service with the count asked for, its steps in the progress panel', async () => {
    const { requests, operation, user } = renderStack(TWO_WORKERS)
    const card = within(screen.getByRole('region', { name: 'worker' }))
    const count = card.getByRole('spinbutton', { name: 'Containers of worker' })
    const scale = card.getByRole<HTMLButtonElement>('button', { name: 'Scale' })
    expect((count as HTMLInputElement).value).toBe('2')
    // The count it runs already is nothing to do; a count the server would refuse is not sent.
    expect(scale.disabled).toBe(true)
    await user.clear(count)
    await user.type(count, '101')
    expect(scale.disabled).toBe(true)
    await user.clear(count)
    await user.type(count, '3')
    await user.click(scale)

    const stream = await operation()
    expect(requests.find((r) => r.method === 'POST')).toMatchObject({
      path: '/api/hosts/h1/stacks/shop/scale',
      body: { service: 'worker', replicas: 3 },
    })
    const panel = within(screen.getByRole('region', { name: 'Progress' }))
    expect(panel.getByRole('heading', { name: 'Scaling worker of shop to 3' })).toBeTruthy()
    expect(scale.disabled).toBe(true)
    stream.send({
      type: 'step',
      object: 'container',
      name: 'shop-worker-3',
      service: 'worker',
      action: 'create',
      state: 'done',
    })
    stream.send({ type: 'done', changes: 2 })
    stream.end()
    await waitFor(() => {
      expect(panel.getByRole('status').textContent).toBe('done')
    })
    expect(screen.getByText('Scaled worker of shop to 3')).toBeTruthy()
  })

  it('is offered only on a deployed managed stack, to those who may change it', () => {
    const noScale = () => screen.queryByRole('button', { name: 'Scale' })
    renderStack(TWO_WORKERS, 'viewer')
    expect(noScale()).toBeNull()
    document.body.innerHTML = ''

    renderStack({ ...TWO_WORKERS, deployed: undefined })
    expect(noScale()).toBeNull()
    document.body.innerHTML = ''

    renderStack({ ...TWO_WORKERS, origin: 'cli', saved: undefined, deployed: undefined })
    expect(noScale()).toBeNull()
  })
})
