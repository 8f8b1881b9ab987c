// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../test/dom.ts'
import { EditorView } from '@codemirror/view'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import type { StackIssue } from '@harbormaster/contract'
import { describe, expect, it } from 'vitest'
import { json, serveFetch } from '../../test/fake-server.ts'
import { hostFixture } from '../../test/fixtures.ts'
import { renderPage } from '../../test/render-page.tsx'
import { hostKeys } from '../hosts/queries.ts'
import { STARTER_ENV } from './compose-text.ts'
import { NewStackPage } from './new-stack-page.tsx'

const createButton = () => screen.getByRole<HTMLButtonElement>('button', { name: 'Create stack' })

async function composeText(): Promise<string> {
  const content = await screen.findByRole('textbox', { name: 'Compose file' })
  return EditorView.findFromDOM(content)?.state.doc.toString() ?? ''
}

const issue = (line: number, kind: StackIssue['kind'], file = 'compose.yaml'): StackIssue => ({
  message: 'wrong',
  file,
  line,
  column: 5,
  path: '',
  kind,
})

function renderNew(check: () => StackIssue[] = () => []) {
  const requests = serveFetch((r) => {
    if (r.path.endsWith('/validate')) return json({ issues: check(), services: ['web'] })
    return json(
      { ...(r.body as object), version: 1, maskedEnv: [], savedAt: '', savedBy: 'al' },
      201,
    )
  })
  const { location } = renderPage({
    path: '/hosts/h1/stacks/new',
    route: '/hosts/:hostId/stacks/new',
    component: NewStackPage,
    seed: (client) => {
      client.setQueryData(hostKeys.list(), [hostFixture('operator')])
    },
  })
  return { requests, location, user: userEvent.setup() }
}

describe('NewStackPage', () => {
  it('turns a pasted docker run into the compose file, listing what it could not convert', async () => {
    const { user } = renderNew()
    expect(await composeText()).toContain('image: nginx:1.27-alpine')
    await user.click(screen.getByText('Start from a docker run command'))
    await user.type(
      screen.getByRole('textbox', { name: 'docker run command' }),
      'docker run -d --name api -p 9000:9000 --memory 1g ghcr.io/org/api:2',
    )
    await user.click(screen.getByRole('button', { name: 'Convert to compose' }))

    await waitFor(async () => {
      expect(await composeText()).toBe(
        'services:\n  api:\n    image: "ghcr.io/org/api:2"\n    ports:\n      - "9000:9000"\n',
      )
    })
    expect(
      within(screen.getByRole('list', { name: 'Not converted' })).getByText(
        'Not converted: --memory 1g',
      ),
    ).toBeTruthy()
  })

  it('refuses a name compose would not accept, then creates the stack and opens its page', async () => {
    const { requests, location, user } = renderNew()
    const name = screen.getByRole('textbox', { name: /Name/ })
    await user.type(name, 'Shop')
    expect(screen.getByText(/expected a project name of lowercase letters/)).toBeTruthy()
    expect(screen.getByRole<HTMLButtonElement>('button', { name: 'Create stack' }).disabled).toBe(
      true,
    )

    await user.clear(name)
    await user.type(name, 'shop')
    const compose = await composeText()
    await waitFor(() => {
      expect(createButton().disabled).toBe(false)
    })
    await user.click(createButton())

    await waitFor(() => {
      expect(location.history?.at(-1)).toBe('/hosts/h1/stacks/shop')
    })
    const create = requests.find((r) => r.method === 'POST' && r.path === '/api/hosts/h1/stacks')
    expect(create?.body).toEqual({ name: 'shop', compose, env: STARTER_ENV })
    expect(screen.getByText('Created stack shop')).toBeTruthy()
  })

  it('does not create a file the check found errors in, and says how many and where', async () => {
    let issues = [issue(4, 'error'), issue(9, 'error'), issue(2, 'error', '.env')]
    const { requests, user } = renderNew(() => issues)
    await user.type(screen.getByRole('textbox', { name: /Name/ }), 'shop')

    await screen.findByText('Not saved while the file has 3 errors: line 4, line 9, .env line 2')
    expect(createButton().disabled).toBe(true)

    // Fixed but for a setting refused to this operator: an admin may deploy it, so it saves.
    issues = [issue(6, 'policy')]
    await user.type(screen.getByRole('textbox', { name: /Name/ }), '2')
    await screen.findByText(/1 setting is not allowed for your role: an admin may deploy it/)
    expect(createButton().disabled).toBe(false)
    await user.click(createButton())
    await waitFor(() => {
      expect(
        requests.filter((r) => r.method === 'POST' && r.path === '/api/hosts/h1/stacks'),
      ).toHaveLength(1)
    })
  })

  it('checks the file only once the stack has a name, and says so until then', async () => {
    const { requests, user } = renderNew()
    await composeText()
    expect(screen.getByText(/checked as you type once the stack has a name/)).toBeTruthy()
    // Only whether the host is a swarm manager (it offers the swarm/compose choice) is asked.
    expect(requests.filter((r) => r.path !== '/api/hosts/h1/swarm')).toEqual([])

    await user.type(screen.getByRole('textbox', { name: /Name/ }), 'shop')
    await waitFor(() => {
      expect(requests.at(-1)).toMatchObject({
        path: '/api/hosts/h1/stacks/validate',
        body: { name: 'shop' },
      })
    })
    expect(screen.queryByText(/checked as you type once the stack has a name/)).toBeNull()
  })
})
