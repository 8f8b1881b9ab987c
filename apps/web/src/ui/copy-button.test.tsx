// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://harbormaster.lan:8080/" }
import '../../test/dom.ts'
import { render, screen, waitFor } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { afterEach, describe, expect, it } from 'vitest'
import { CopyButton } from './copy-button.tsx'
import { ToastProvider } from './toast.tsx'

// Served over plain HTTP from a LAN name, as self-hosted dashboards often are: not a secure
// context, so the browser has no navigator.clipboard. jsdom has no clipboard at all: the test
// stands in for the browser's execCommand('copy') and records what was selected when it ran.
const copied: string[] = []
let refuse = false
Object.defineProperty(document, 'execCommand', {
  configurable: true,
  value: (command: string) => {
    if (command !== 'copy' || refuse) return false
    const active = document.activeElement
    if (!(active instanceof HTMLTextAreaElement)) return false
    copied.push(active.value.slice(active.selectionStart, active.selectionEnd))
    return true
  },
})
afterEach(() => {
  copied.length = 0
  refuse = false
})

function renderButton(value: string) {
  render(
    <ToastProvider>
      <input aria-label="Elsewhere" />
      <CopyButton value={value} label="Copy command" />
    </ToastProvider>,
  )
  return userEvent.setup()
}

describe('CopyButton outside a secure context', () => {
  it('copies through a selection, leaves no trace in the page and says it copied', async () => {
    expect(window.isSecureContext).toBeFalsy()
    const user = renderButton('docker run -d --name web nginx:1.27')
    const button = screen.getByRole('button', { name: 'Copy command' })
    await user.click(button)
    expect(copied).toEqual(['docker run -d --name web nginx:1.27'])
    expect(document.querySelector('textarea')).toBeNull()
    expect(document.activeElement).toBe(button)
    await waitFor(() => {
      expect(button.textContent).toBe('✓')
    })
  })

  it('tells the user to copy by hand when the browser refuses', async () => {
    refuse = true
    const user = renderButton('secret-token')
    await user.click(screen.getByRole('button', { name: 'Copy command' }))
    expect(await screen.findByText(/browser refused to copy/)).toBeTruthy()
    expect(screen.getByRole('button', { name: 'Copy command' }).textContent).not.toBe('✓')
  })
})
