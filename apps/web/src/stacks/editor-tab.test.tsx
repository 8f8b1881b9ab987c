// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../test/dom.ts'
import type { StackDirectoryListing, StackFiles, StackIssue } from '@harbormaster/contract'
import { EditorView } from '@codemirror/view'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { type FakeRequest, json, serveFetch } from '../../test/fake-server.ts'
import { hostFixture, stackDetailsFixture } from '../../test/fixtures.ts'
import { renderPage } from '../../test/render-page.tsx'
import { hostKeys } from '../hosts/queries.ts'
import { stackKeys } from './queries.ts'
import { StackPage } from './stack-page.tsx'
import { EditorTab } from './editor-tab.tsx'

// The editor tab with CodeMirror running in jsdom, against a stand-in for the server's answers
// to files, validate and save. Typing is a transaction on the editor's view (what a keystroke
// becomes), since jsdom has no text input for contenteditable.

const COMPOSE = 'services:\n  web:\n    image: nginx\n    privileged: true\n'

function files(version: number, over: Partial<StackFiles> = {}): StackFiles {
  return {
    version,
    compose: COMPOSE,
    env: 'TOKEN=[masked]\n',
    maskedEnv: ['TOKEN'],
    savedAt: '2026-12-01T10:00:00.000Z',
    savedBy: 'alice',
    ...over,
  }
}

const privileged: StackIssue = {
  message: 'privileged containers are refused for operators',
  file: 'compose.yaml',
  line: 4,
  column: 5,
  path: 'services.web.privileged',
  kind: 'policy',
}

/** The stack's folder as the Files panel under the editor reads it: the managed files only. */
const emptyDirectory: StackDirectoryListing = {
  entries: [],
  truncated: false,
  mayRead: true,
  mayWrite: true,
  limits: { fileBytes: 1024, directoryBytes: 4096 },
}

function serve(answer: (request: FakeRequest) => Response | undefined) {
  return serveFetch((request) => {
    if (request.path === '/api/hosts/h1/stacks/shop/directory') return json(emptyDirectory)
    const answered = answer(request)
    if (answered) return answered
    if (request.path === '/api/hosts/h1/stacks/validate')
      return json({ issues: [privileged], services: ['web'] })
    return json({ error: { code: 'not_found', message: `no ${request.path}` } }, 404)
  })
}

function renderEditor(mayChange = true) {
  renderPage({
    path: '/hosts/h1/stacks/shop/editor',
    route: '/hosts/:hostId/stacks/:name/:tab?',
    component: () => <EditorTab hostId="h1" name="shop" mayChange={mayChange} />,
  })
  return { user: userEvent.setup() }
}

async function composeEditor(): Promise<EditorView> {
  const content = await screen.findByRole('textbox', { name: 'Compose file' })
  const view = EditorView.findFromDOM(content)
  if (!view) throw new Error('no editor view')
  return view
}

const type = (view: EditorView, at: string, text: string) => {
  const from = view.state.doc.toString().indexOf(at)
  view.dispatch({ changes: { from, to: from + at.length, insert: text } })
}

describe('EditorTab', () => {
  it("marks the server's issue at its line and column, and lists it", async () => {
    const requests = serve((r) => (r.method === 'GET' ? json(files(2)) : undefined))
    renderEditor()
    const view = await composeEditor()

    await waitFor(() => {
      expect(view.dom.querySelector('.cm-lintRange-error')?.textContent).toBe('privileged: true')
    })
    const lines = Array.from(view.dom.querySelectorAll('.cm-line'))
    expect(lines[3]?.querySelector('.cm-lintRange-error')).toBeTruthy()
    expect(screen.getByRole('list', { name: 'Problems' }).textContent).toContain(
      'compose.yaml:4:5 services.web.privileged privileged containers are refused for operators',
    )
    expect(requests.find((r) => r.method === 'POST')).toMatchObject({
      path: '/api/hosts/h1/stacks/validate',
      body: { name: 'shop', compose: COMPOSE, env: 'TOKEN=[masked]\n' },
    })
    expect(screen.getByText(/Values of TOKEN are hidden from you/)).toBeTruthy()
  })

  it('checks the draft again once typing pauses, and saves it from the version it started at', async () => {
    const requests = serve((r) => {
      if (r.method === 'GET') return json(files(2))
      if (r.method === 'PUT') return json(files(3, { compose: (r.body as StackFiles).compose }))
      return undefined
    })
    const { user } = renderEditor()
    const view = await composeEditor()
    await waitFor(() => {
      expect(view.dom.querySelector('.cm-lintRange-error')).toBeTruthy()
    })
    type(view, '    privileged: true\n', '')
    await waitFor(() => {
      expect(requests.filter((r) => r.path.endsWith('/validate'))).toHaveLength(2)
    })
    expect(requests.at(-1)?.body).toMatchObject({
      compose: 'services:\n  web:\n    image: nginx\n',
    })
    expect(screen.getByText('Unsaved changes')).toBeTruthy()

    await user.type(screen.getByRole('textbox', { name: 'Comment' }), 'no privileges')
    await user.click(screen.getByRole('button', { name: 'Save version 3' }))

    await waitFor(() => {
      expect(screen.getByRole('button', { name: 'Save version 4' })).toBeTruthy()
    })
    expect(requests.find((r) => r.method === 'PUT')).toMatchObject({
      path: '/api/hosts/h1/stacks/shop',
      body: {
        compose: 'services:\n  web:\n    image: nginx\n',
        env: 'TOKEN=[masked]\n',
        baseVersion: 2,
        comment: 'no privileges',
      },
    })
    expect(screen.getByText('Saved version 3 of shop')).toBeTruthy()
    expect(screen.queryByText('Unsaved changes')).toBeNull()
  })

  it('says when someone saved a newer version first, and reloads it on request', async () => {
    let latest = 2
    serve((r) => {
      if (r.method === 'GET') return json(files(latest, { compose: `# v${latest}\n${COMPOSE}` }))
      if (r.method === 'PUT') {
        latest = 3
        return json(
          {
            error: {
              code: 'conflict',
              message: 'Version 3 of shop was saved after version 2, which this save started from',
            },
          },
          409,
        )
      }
      return undefined
    })
    const { user } = renderEditor()
    type(await composeEditor(), 'nginx', 'nginx:1.27')
    await user.click(screen.getByRole('button', { name: 'Save version 3' }))

    const banner = await screen.findByRole('alert')
    expect(banner.textContent).toContain('Someone saved a newer version of shop')
    expect(banner.textContent).toContain('Version 3 of shop was saved after version 2')
    await user.click(screen.getByRole('button', { name: 'Reload the newer version' }))

    await waitFor(() => {
      expect(screen.getByRole('button', { name: 'Save version 4' })).toBeTruthy()
    })
    expect((await composeEditor()).state.doc.toString()).toBe(`# v3\n${COMPOSE}`)
    expect(screen.queryByRole('alert')).toBeNull()
  })

  it('asks before leaving unsaved changes, and stays when told to', async () => {
    serve((r) => {
      if (r.path === '/api/hosts/h1/stacks/shop') return json(stackDetailsFixture())
      return r.method === 'GET' ? json(files(2)) : undefined
    })
    const { location } = renderPage({
      path: '/hosts/h1/stacks/shop/editor',
      route: '/hosts/:hostId/stacks/:name/:tab?',
      component: StackPage,
      seed: (client) => {
        client.setQueryData(hostKeys.list(), [hostFixture('operator')])
        client.setQueryData(stackKeys.detail('h1', 'shop'), stackDetailsFixture())
      },
    })
    const user = userEvent.setup()
    type(await composeEditor(), 'nginx', 'nginx:1.27')
    const servicesTab = screen.getByRole('link', { name: 'Services' })

    await user.click(servicesTab)
    const ask = within(screen.getByRole('dialog', { name: 'Leave without saving?' }))
    await user.click(ask.getByRole('button', { name: 'Cancel' }))
    expect(location.history?.at(-1)).toBe('/hosts/h1/stacks/shop/editor')
    expect((await composeEditor()).state.doc.toString()).toContain('nginx:1.27')

    await user.click(servicesTab)
    await user.click(screen.getByRole('button', { name: 'Discard changes' }))
    await waitFor(() => {
      expect(location.history?.at(-1)).toBe('/hosts/h1/stacks/shop')
    })
  })

  it('shows a viewer the file read-only, with nothing to save', async () => {
    const requests = serve((r) => (r.method === 'GET' ? json(files(2)) : undefined))
    renderEditor(false)
    const view = await composeEditor()
    expect(view.state.readOnly).toBe(true)
    expect(view.contentDOM.getAttribute('contenteditable')).toBe('false')
    expect(screen.getByText(/read-only for your role/)).toBeTruthy()
    expect(screen.queryByRole('button', { name: /Save/ })).toBeNull()
    expect(requests.every((r) => r.method === 'GET')).toBe(true)
  })
})
