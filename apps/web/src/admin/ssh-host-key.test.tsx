// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../test/dom.ts'
import type { Host } from '@harbormaster/contract'
import { QueryClientProvider } from '@tanstack/react-query'
import { render, screen, waitFor, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { json, serveFetch } from '../../test/fake-server.ts'
import { createQueryClient } from '../app/query-client.ts'
import { ConfirmProvider, ToastProvider } from '../ui/index.ts'
import { SshHostKeyNotice } from './ssh-host-key.tsx'

const OFFERED = `SHA256:${'o'.repeat(43)}`
const PINNED = `SHA256:${'p'.repeat(43)}`
const host: Host = {
  id: 'gpu',
  name: 'GPU box',
  address: 'ssh://deploy@10.0.0.9',
  reachable: false,
  allowedBindPrefixes: [],
  secretEnvPatterns: [],
  role: 'admin',
  ssh: { hasPrivateKey: true, hasPassphrase: false },
}

function renderNotice(shown: Host) {
  render(
    <QueryClientProvider client={createQueryClient()}>
      <ToastProvider>
        <ConfirmProvider>
          <SshHostKeyNotice host={shown} />
        </ConfirmProvider>
      </ToastProvider>
    </QueryClientProvider>,
  )
  return userEvent.setup()
}

describe('SshHostKeyNotice', () => {
  it('shows a key offered for the first time and accepts it after a confirmation naming it', async () => {
    const sent = serveFetch(() => json({ ...host, reachable: true, sshHostKey: undefined }))
    const user = renderNotice({ ...host, sshHostKey: { state: 'unknown', offered: OFFERED } })

    await user.click(screen.getByRole('button', { name: 'Accept host key of GPU box' }))
    const dialog = await screen.findByRole('dialog')
    expect(within(dialog).getByText(OFFERED)).toBeTruthy()
    expect(sent).toEqual([])
    await user.click(within(dialog).getByRole('button', { name: 'Accept host key' }))

    await waitFor(() => {
      expect(sent).toEqual([
        { method: 'POST', path: '/api/hosts/gpu/ssh-host-key', body: { fingerprint: OFFERED } },
      ])
    })
  })

  it('shows a changed key as an error with both fingerprints, and offers no accept button', () => {
    serveFetch(() => json({}))
    renderNotice({
      ...host,
      sshHostKey: { state: 'changed', offered: OFFERED, expected: PINNED },
    })

    const alert = screen.getByRole('alert')
    expect(alert.textContent).toContain('Host key changed')
    expect(alert.textContent).toContain(PINNED)
    expect(alert.textContent).toContain(OFFERED)
    expect(screen.queryByRole('button')).toBeNull()
  })
})
