// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../test/dom.ts'
import { DEFAULT_SECRET_ENV_PATTERNS } from '@harbormaster/contract'
import { QueryClientProvider } from '@tanstack/react-query'
import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it, vi } from 'vitest'
import { json, serveFetch } from '../../test/fake-server.ts'
import { createQueryClient } from '../app/query-client.ts'
import { ToastProvider } from '../ui/index.ts'
import { AddHostDialog } from './add-host-dialog.tsx'

const PEM = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----'

function renderDialog() {
  const onClose = vi.fn()
  render(
    <QueryClientProvider client={createQueryClient()}>
      <ToastProvider>
        <AddHostDialog onClose={onClose} />
      </ToastProvider>
    </QueryClientProvider>,
  )
  return { onClose, user: userEvent.setup() }
}

describe('AddHostDialog', () => {
  it('offers TLS only for a tcp:// engine and sends the certificates with the host', async () => {
    const sent = serveFetch(() =>
      json(
        {
          id: 'prod',
          name: 'prod',
          address: 'tcp://10.0.0.5:2376',
          reachable: true,
          allowedBindPrefixes: [],
          role: 'admin',
        },
        201,
      ),
    )
    const { user, onClose } = renderDialog()
    await user.type(screen.getByLabelText(/^Host id/), 'prod')
    const address = screen.getByLabelText(/^Engine address/)
    await user.type(address, 'unix:///run/docker.sock')
    expect(screen.queryByText('TLS')).toBeNull()

    await user.clear(address)
    await user.type(address, 'tcp://10.0.0.5:2376')
    await user.type(screen.getByLabelText('CA certificate'), PEM)
    await user.click(screen.getByRole('button', { name: 'Add host' }))

    await waitFor(() => {
      expect(onClose).toHaveBeenCalled()
    })
    expect(sent.map((request) => request.body)).toEqual([
      {
        id: 'prod',
        name: 'prod',
        address: 'tcp://10.0.0.5:2376',
        allowedBindPrefixes: [],
        tls: { verify: true, ca: PEM },
      },
    ])
    expect(await screen.findByText('Host prod added')).toBeTruthy()
  })

  it("names the wrong fields on submit, sends nothing, and shows the server's refusal", async () => {
    const sent = serveFetch(() =>
      json({ error: { code: 'conflict', message: 'A host with id "prod" exists' } }, 409),
    )
    const { user, onClose } = renderDialog()
    await user.type(screen.getByLabelText(/^Host id/), 'Bad Id')
    await user.click(screen.getByRole('button', { name: 'Add host' }))
    expect(screen.getByLabelText(/^Host id/).getAttribute('aria-invalid')).toBe('true')
    expect(screen.getByLabelText(/^Engine address/).getAttribute('aria-invalid')).toBe('true')
    expect(sent).toEqual([])

    await user.clear(screen.getByLabelText(/^Host id/))
    await user.type(screen.getByLabelText(/^Host id/), 'prod')
    await user.type(screen.getByLabelText(/^Engine address/), 'unix:///run/docker.sock')
    await user.click(screen.getByRole('button', { name: 'Add host' }))
    expect(await screen.findByText('A host with id "prod" exists')).toBeTruthy()
    expect(onClose).not.toHaveBeenCalled()
  })

  it('starts from the default secret environment keys and sends the ones the admin typed', async () => {
    const sent = serveFetch(() =>
      json(
        {
          id: 'db',
          name: 'db',
          address: 'unix:///run/docker.sock',
          reachable: true,
          allowedBindPrefixes: [],
          secretEnvPatterns: ['*_PIN'],
          role: 'admin',
        },
        201,
      ),
    )
    const { user, onClose } = renderDialog()
    const patterns = screen.getByLabelText(/^Secret environment keys/)
    expect((patterns as HTMLInputElement).value).toBe(DEFAULT_SECRET_ENV_PATTERNS.join(', '))

    await user.type(screen.getByLabelText(/^Host id/), 'db')
    await user.type(screen.getByLabelText(/^Engine address/), 'unix:///run/docker.sock')
    await user.clear(patterns)
    await user.type(patterns, '*_PIN')
    await user.click(screen.getByRole('button', { name: 'Add host' }))

    await waitFor(() => {
      expect(onClose).toHaveBeenCalled()
    })
    expect(sent.map((request) => request.body)).toEqual([
      {
        id: 'db',
        name: 'db',
        address: 'unix:///run/docker.sock',
        allowedBindPrefixes: [],
        secretEnvPatterns: ['*_PIN'],
      },
    ])
  })
})
