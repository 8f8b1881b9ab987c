// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../test/dom.ts'
import type {
  StackDirectoryEntry,
  StackDirectoryListing,
  StackFiles,
  StackIssue,
} from '@harbormaster/contract'
import { screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { json, serveFetch } from '../../test/fake-server.ts'
import { renderPage } from '../../test/render-page.tsx'
import { EditorTab } from './editor-tab.tsx'

// The Files panel under the editor, against a stand-in for the server: what it lists, what it
// sends for uploads, new folders and removals, what a viewer may not do, and that a change
// checks the compose file again (a missing env_file's mark clears once it is uploaded).

const COMPOSE = 'services:\n  web:\n    image: nginx\n    env_file: app.env\n'
const BASE = '/api/hosts/h1/stacks/shop'

const files: StackFiles = {
  version: 1,
  compose: COMPOSE,
  env: '',
  maskedEnv: [],
  savedAt: '2026-12-01T10:00:00.000Z',
  savedBy: 'alice',
}

const missingEnvFile: StackIssue = {
  message: '"app.env": no such file in the stack\'s folder',
  file: 'compose.yaml',
  line: 4,
  column: 15,
  path: 'services.web.env_file',
  kind: 'error',
}

const entry = (path: string, over: Partial<StackDirectoryEntry> = {}): StackDirectoryEntry => ({
  path,
  kind: 'file',
  size: 12,
  mode: 0o600,
  mtime: '2026-12-01T10:00:00.000Z',
  managed: false,
  ...over,
})

const MANAGED = [
  entry('.env', { managed: true, size: 0 }),
  entry('compose.yaml', { managed: true, size: COMPOSE.length }),
]

/** The server: the listing grows with each upload; the env_file is missing until uploaded. */
function serve(rights: { mayRead: boolean; mayWrite: boolean }) {
  const entries = [...MANAGED, entry('secrets', { kind: 'directory', size: 0, mode: 0o700 })]
  const requests = serveFetch((r) => {
    if (r.method === 'GET' && r.path === `${BASE}/files`) return json(files)
    if (r.method === 'GET' && r.path === `${BASE}/directory`) {
      const listing: StackDirectoryListing = {
        entries,
        truncated: false,
        ...rights,
        limits: { fileBytes: 1024, directoryBytes: 4096 },
      }
      return json(listing)
    }
    if (r.path === '/api/hosts/h1/stacks/validate') {
      const present = entries.some((e) => e.path === 'app.env')
      return json({ issues: present ? [] : [missingEnvFile], services: ['web'] })
    }
    const upload = /\/directory\/file\?path=(.*)$/.exec(r.path)
    if (r.method === 'PUT' && upload) {
      const path = upload[1] ?? ''
      entries.push(entry(path))
      return json({ written: [{ path, kind: 'file', size: 12 }] })
    }
    if (r.method === 'POST' && r.path === `${BASE}/directory/folders`)
      return new Response(null, { status: 204 })
    if (r.method === 'POST' && r.path === `${BASE}/directory/move`) {
      const { to } = r.body as { to: string }
      if (to === 'taken')
        return json({ error: { code: 'conflict', message: 'taken exists already' } }, 409)
      return new Response(null, { status: 204 })
    }
    if (r.method === 'DELETE') return new Response(null, { status: 204 })
    return json({ error: { code: 'not_found', message: `no ${r.path}` } }, 404)
  })
  return requests
}

function renderEditor(mayChange = true) {
  renderPage({
    path: '/hosts/h1/stacks/shop/editor',
    route: '/hosts/:hostId/stacks/:name/:tab?',
    component: () => <EditorTab hostId="h1" name="shop" mayChange={mayChange} />,
  })
  return { user: userEvent.setup() }
}

const panel = async () =>
  within(await screen.findByRole('region', { name: 'Files in the stack’s folder' }))

describe('the Files panel of a stack', () => {
  it('lists the folder, uploads a file into it, and checks the compose file again', async () => {
    const requests = serve({ mayRead: true, mayWrite: true })
    const { user } = renderEditor()
    const files = await panel()
    await files.findByText('compose.yaml')
    expect(files.getAllByText('edited above')).toHaveLength(2)
    const problems = await screen.findByRole('list', { name: 'Problems' })
    expect(problems.textContent).toContain('no such file')

    await user.upload(files.getByLabelText('Upload files'), new File(['GREETING=hi\n'], 'app.env'))

    await waitFor(() => {
      expect(screen.queryByRole('list', { name: 'Problems' })).toBeNull()
    })
    expect(await files.findByText('app.env')).toBeTruthy()
    expect(requests.filter((r) => r.method === 'PUT').map((r) => r.path)).toEqual([
      `${BASE}/directory/file?path=app.env`,
    ])
    expect(requests.filter((r) => r.path.endsWith('/validate')).length).toBeGreaterThanOrEqual(2)
    expect(files.getByRole('link', { name: 'Download app.env' }).getAttribute('href')).toBe(
      `${BASE}/directory/file?path=app.env`,
    )
    expect(screen.getByText('Uploaded 1 file')).toBeTruthy()
  })

  it('uploads a chosen folder with the paths inside it, into the folder chosen', async () => {
    const requests = serve({ mayRead: true, mayWrite: true })
    const { user } = renderEditor()
    const files = await panel()
    await files.findByText('compose.yaml')
    const conf = new File(['a=1'], 'app.ini')
    Object.defineProperty(conf, 'webkitRelativePath', { value: 'conf/app.ini' })

    await user.selectOptions(files.getByLabelText(/Upload into/), 'secrets')
    await user.upload(files.getByLabelText('Upload a folder'), conf)

    await waitFor(() => {
      expect(requests.filter((r) => r.method === 'PUT').map((r) => r.path)).toEqual([
        `${BASE}/directory/file?path=secrets%2Fconf%2Fapp.ini`,
      ])
    })
  })

  it('makes a folder, and removes a file once the removal naming it is confirmed', async () => {
    const requests = serve({ mayRead: true, mayWrite: true })
    const { user } = renderEditor()
    const files = await panel()
    await files.findByText('compose.yaml')

    await user.type(files.getByRole('textbox', { name: 'New folder name' }), 'certs')
    await user.click(files.getByRole('button', { name: 'New folder' }))
    await waitFor(() => {
      expect(
        requests.find((r) => r.method === 'POST' && r.path.endsWith('/folders'))?.body,
      ).toEqual({
        path: 'certs',
      })
    })

    await user.click(files.getByRole('button', { name: 'Remove secrets' }))
    const ask = within(screen.getByRole('dialog', { name: 'Remove secrets?' }))
    expect(ask.getByText(/The folder secrets and everything in it/)).toBeTruthy()
    await user.click(ask.getByRole('button', { name: 'Remove' }))
    await waitFor(() => {
      expect(requests.filter((r) => r.method === 'DELETE').map((r) => r.path)).toEqual([
        `${BASE}/directory?path=secrets`,
      ])
    })
    // The compose file and `.env` are edited above, never removed here.
    expect(files.queryByRole('button', { name: 'Remove .env' })).toBeNull()
  })

  it('renames a folder, showing the server’s refusal in the dialog', async () => {
    const requests = serve({ mayRead: true, mayWrite: true })
    const { user } = renderEditor()
    const files = await panel()
    await user.click(await files.findByRole('button', { name: 'Move secrets' }))
    const dialog = within(screen.getByRole('dialog', { name: 'Rename or move secrets' }))
    const to = dialog.getByRole('textbox', { name: 'New path in the stack’s folder' })

    await user.clear(to)
    await user.type(to, 'taken')
    await user.click(dialog.getByRole('button', { name: 'Move' }))
    expect(await dialog.findByText('taken exists already')).toBeTruthy()

    await user.clear(to)
    await user.type(to, 'keys')
    await user.click(dialog.getByRole('button', { name: 'Move' }))
    await waitFor(() => {
      expect(screen.queryByRole('dialog', { name: 'Rename or move secrets' })).toBeNull()
    })
    const moves = requests.filter((r) => r.path.endsWith('/directory/move')).map((r) => r.body)
    expect(moves).toEqual([
      { from: 'secrets', to: 'taken' },
      { from: 'secrets', to: 'keys' },
    ])
  })

  it('shows a viewer names and sizes, with every change disabled and why', async () => {
    const requests = serve({ mayRead: false, mayWrite: false })
    renderEditor(false)
    const files = await panel()
    await files.findByRole('button', { name: 'Remove secrets' })
    for (const control of [
      files.getByLabelText<HTMLInputElement>('Upload files'),
      files.getByLabelText<HTMLInputElement>('Upload a folder'),
      files.getByRole<HTMLButtonElement>('button', { name: 'New folder' }),
      files.getByRole<HTMLButtonElement>('button', { name: 'Remove secrets' }),
      files.getByRole<HTMLButtonElement>('button', { name: 'Move secrets' }),
    ]) {
      expect(control.disabled).toBe(true)
    }
    expect(files.getByText('Only operators and admins may change these files.')).toBeTruthy()
    expect(files.getByText(/not their content/)).toBeTruthy()
    expect(files.queryByRole('link', { name: /Download/ })).toBeNull()
    expect(requests.every((r) => r.method === 'GET')).toBe(true)
  })
})
