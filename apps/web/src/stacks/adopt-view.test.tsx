// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../test/dom.ts'
import { EditorView } from '@codemirror/view'
import type { Host, StackAdoption, StackDetails } from '@harbormaster/contract'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { json, serveFetch } from '../../test/fake-server.ts'
import { hostFixture, stackDetailsFixture } from '../../test/fixtures.ts'
import { renderPage } from '../../test/render-page.tsx'
import { hostKeys } from '../hosts/queries.ts'
import { stackKeys } from './queries.ts'
import { StackPage } from './stack-page.tsx'

// Adopting a compose CLI project from its page, against stand-ins for the server's answers:
// GET /adoption, POST /validate as the review is edited, POST /adopt, and the stack read again.

const BLOG_CLI: StackDetails = stackDetailsFixture({
  name: 'blog',
  origin: 'cli',
  saved: undefined,
  deployed: undefined,
  configFiles: ['/srv/blog/compose.yaml'],
  workingDir: '/srv/blog',
})
const BLOG_ADOPTED: StackDetails = {
  ...BLOG_CLI,
  origin: 'managed',
  saved: { version: 1, at: '2026-12-01T10:00:00.000Z', by: 'alice' },
  configFiles: undefined,
  workingDir: undefined,
}
const ADOPTION: StackAdoption = {
  source: 'generated',
  compose: 'services:\n  web:\n    image: nginx:1.27\n',
  env: 'DB_PASSWORD=[masked]\n',
  maskedEnv: ['DB_PASSWORD'],
  notes: ['services.web: the container’s tmpfs /run is not reproduced'],
}

function renderBlog(role: Host['role'], tab = '') {
  let adopted = false
  const requests = serveFetch((r) => {
    if (r.path.endsWith('/adoption')) return json(ADOPTION)
    if (r.path.endsWith('/validate')) return json({ issues: [], services: ['web'] })
    if (r.path.endsWith('/adopt')) {
      adopted = true
      const body = r.body as { compose: string; env: string }
      return json({ ...body, version: 1, maskedEnv: [], savedAt: '', savedBy: 'alice' }, 201)
    }
    return json(adopted ? BLOG_ADOPTED : BLOG_CLI)
  })
  const { location } = renderPage({
    path: `/hosts/h1/stacks/blog${tab}`,
    route: '/hosts/:hostId/stacks/:name/:tab?',
    component: StackPage,
    seed: (client) => {
      client.setQueryData(hostKeys.list(), [hostFixture(role)])
      client.setQueryData(stackKeys.detail('h1', 'blog'), BLOG_CLI)
    },
  })
  return { requests, location, user: userEvent.setup() }
}

async function editorText(name: string): Promise<string> {
  const content = await screen.findByRole('textbox', { name })
  return EditorView.findFromDOM(content)?.state.doc.toString() ?? ''
}

describe('adopting a compose CLI project', () => {
  it('offers Adopt to an operator, not to a viewer, and opens the review from it', async () => {
    const { location, user } = renderBlog('operator')
    const actions = within(screen.getByRole('toolbar', { name: 'Stack actions' }))
    await user.click(actions.getByRole('button', { name: 'Adopt' }))
    expect(location.history?.at(-1)).toBe('/hosts/h1/stacks/blog/adopt')
    await screen.findByRole('region', { name: 'Adopt blog' })
    // The review is the adoption: no second way into it while it is open.
    expect(actions.queryByRole('button', { name: 'Adopt' })).toBeNull()
    document.body.innerHTML = ''

    renderBlog('viewer', '/adopt')
    expect(screen.queryByRole('button', { name: 'Adopt' })).toBeNull()
    expect(screen.queryByRole('region', { name: 'Adopt blog' })).toBeNull()
    expect(screen.getByText('Not yours to adopt')).toBeTruthy()
  })

  it('shows the generated file, its notes and what saving does, then saves it as managed', async () => {
    const { requests, location, user } = renderBlog('operator', '/adopt')
    const review = within(await screen.findByRole('region', { name: 'Adopt blog' }))
    expect(await editorText('Compose file')).toBe(ADOPTION.compose)
    expect(await editorText('Environment file')).toBe(ADOPTION.env)
    expect(review.getByText(/generated from its containers/)).toBeTruthy()
    expect(
      within(review.getByRole('list', { name: 'Notes' })).getByText(ADOPTION.notes[0]!),
    ).toBeTruthy()
    expect(review.getByText(/Nothing changes on the host until you deploy it/).textContent).toMatch(
      /first deploy recreates every container/,
    )
    expect(review.getByText(/Values of DB_PASSWORD are hidden from you/)).toBeTruthy()
    await waitFor(() => {
      expect(requests.find((r) => r.path === '/api/hosts/h1/stacks/validate')?.body).toEqual({
        name: 'blog',
        compose: ADOPTION.compose,
        env: ADOPTION.env,
      })
    })

    await user.type(review.getByRole('textbox', { name: 'Comment' }), 'from the CLI')
    await user.click(review.getByRole('button', { name: 'Save as managed stack' }))

    await waitFor(() => {
      expect(location.history?.at(-1)).toBe('/hosts/h1/stacks/blog')
    })
    // The masked value goes back as it came: the server keeps the value it found.
    expect(requests.find((r) => r.method === 'POST' && r.path.endsWith('/adopt'))).toMatchObject({
      path: '/api/hosts/h1/stacks/blog/adopt',
      body: { compose: ADOPTION.compose, env: ADOPTION.env, comment: 'from the CLI' },
    })
    expect(await screen.findByText('Adopted blog: version 1 saved')).toBeTruthy()
    const tabs = within(screen.getByRole('navigation', { name: 'Stack views' }))
    expect(tabs.getAllByRole('link').map((a) => a.textContent)).toEqual([
      'Services',
      'Logs',
      'Editor',
      'Versions',
      'Timeline',
    ])
    const notice = within(screen.getByRole('note', { name: 'Not deployed yet' }))
    expect(notice.getByText(/recreates every one of them/)).toBeTruthy()
    expect(notice.getByRole('button', { name: 'Deploy version 1' })).toBeTruthy()
  })

  it('keeps the review and says why when the server refuses the adoption', async () => {
    serveFetch((r) => {
      if (r.path.endsWith('/adoption')) return json(ADOPTION)
      if (r.path.endsWith('/validate')) return json({ issues: [], services: ['web'] })
      if (r.path.endsWith('/adopt'))
        return json(
          { error: { code: 'conflict', message: 'A stack named blog is stored already' } },
          409,
        )
      return json(BLOG_CLI)
    })
    renderPage({
      path: '/hosts/h1/stacks/blog/adopt',
      route: '/hosts/:hostId/stacks/:name/:tab?',
      component: StackPage,
      seed: (client) => {
        client.setQueryData(hostKeys.list(), [hostFixture('admin')])
        client.setQueryData(stackKeys.detail('h1', 'blog'), BLOG_CLI)
      },
    })
    const user = userEvent.setup()
    const review = within(await screen.findByRole('region', { name: 'Adopt blog' }))
    await user.click(review.getByRole('button', { name: 'Save as managed stack' }))

    expect((await review.findByRole('alert')).textContent).toBe(
      'A stack named blog is stored already',
    )
    expect(await editorText('Compose file')).toBe(ADOPTION.compose)
  })
})
