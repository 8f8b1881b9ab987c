// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../test/dom.ts'
import type { Host, RegistryCredential } from '@harbormaster/contract'
import { QueryClientProvider } from '@tanstack/react-query'
import { render, screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { json, serveFetch } from '../../test/fake-server.ts'
import { createQueryClient } from '../app/query-client.ts'
import { ConfirmProvider, ToastProvider } from '../ui/index.ts'
import { RegistryCredentialsPanel } from './registry-credentials-panel.tsx'

const host = (id: string, name: string): Host => ({
  id,
  name,
  address: 'unix:///var/run/docker.sock',
  reachable: true,
  allowedBindPrefixes: [],
  secretEnvPatterns: [],
  role: 'admin',
})
const HOSTS = [host('local', 'local'), host('prod', 'prod')]
const GHCR: RegistryCredential = {
  registry: 'ghcr.io',
  username: 'robot',
  hasPassword: true,
  updatedAt: '2026-12-07T06:00:00.000Z',
}

function renderPanel() {
  render(
    <QueryClientProvider client={createQueryClient()}>
      <ToastProvider>
        <ConfirmProvider>
          <RegistryCredentialsPanel />
        </ConfirmProvider>
      </ToastProvider>
    </QueryClientProvider>,
  )
  return userEvent.setup()
}

describe('RegistryCredentialsPanel', () => {
  it('lists a host’s credentials with the password only said to be set, and reads another host’s on choice', async () => {
    const requests = serveFetch(({ path }) =>
      path === '/api/hosts'
        ? json(HOSTS)
        : json(path.startsWith('/api/hosts/local/') ? [GHCR] : []),
    )
    const user = renderPanel()
    const row = (await screen.findByText('ghcr.io')).closest('tr')
    expect(row).toBeTruthy()
    expect(within(row as HTMLElement).getByText('robot')).toBeTruthy()
    expect(within(row as HTMLElement).getByText('set')).toBeTruthy()

    await user.selectOptions(screen.getByLabelText('Host'), 'prod')
    expect(await screen.findByText('No registry credentials on this host.')).toBeTruthy()
    expect(requests.map((r) => r.path)).toContain('/api/hosts/prod/updates/credentials')
  })

  it('sends new credentials once the registry is a host name, and never shows the password', async () => {
    const requests = serveFetch(({ method, path, body }) => {
      if (path === '/api/hosts') return json(HOSTS)
      if (method === 'PUT') {
        const { username } = body as { username: string }
        return json({ ...GHCR, registry: 'registry.example.com:5000', username })
      }
      return json([])
    })
    const user = renderPanel()
    await user.click(await screen.findByRole('button', { name: 'Add credentials' }))
    const dialog = await screen.findByRole('dialog', { name: 'Registry credentials' })
    await user.type(within(dialog).getByLabelText('Registry'), 'https://registry.example.com')
    await user.type(within(dialog).getByLabelText('Username'), 'ci')
    const password = within(dialog).getByLabelText<HTMLInputElement>('Password or token')
    expect(password.type).toBe('password')
    await user.type(password, 's3cret')
    await user.click(within(dialog).getByRole('button', { name: 'Save' }))
    expect(within(dialog).getByText(/a registry host, with an optional port/)).toBeTruthy()
    expect(requests.filter((r) => r.method === 'PUT')).toEqual([])

    await user.clear(within(dialog).getByLabelText('Registry'))
    await user.type(within(dialog).getByLabelText('Registry'), 'registry.example.com:5000')
    await user.click(within(dialog).getByRole('button', { name: 'Save' }))
    expect(await screen.findByText('Credentials for registry.example.com:5000 saved')).toBeTruthy()
    expect(requests.filter((r) => r.method === 'PUT')).toEqual([
      {
        method: 'PUT',
        path: '/api/hosts/local/updates/credentials/registry.example.com:5000',
        body: { username: 'ci', password: 's3cret' },
      },
    ])
  })
})
