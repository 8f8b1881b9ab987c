// @vitest-environment jsdom
import '../../test/dom.ts'
import { render, screen } from '@testing-library/react'
import { describe, expect, it } from 'vitest'
import { ApiRequestError } from '../platform/api-client.ts'
import { ErrorState } from './states.tsx'

describe('ErrorState', () => {
  it('says plainly that the engine has no such view, with nothing to retry', () => {
    const error = new ApiRequestError(
      501,
      'engine_unsupported',
      "This engine's API 1.15 has no networks",
    )
    render(<ErrorState error={error} onRetry={() => undefined} />)
    expect(screen.getByText('Not available on this engine')).toBeDefined()
    expect(screen.getByText("This engine's API 1.15 has no networks")).toBeDefined()
    expect(screen.queryByRole('alert')).toBeNull()
    expect(screen.queryByRole('button', { name: 'Try again' })).toBeNull()
  })

  it('shows any other error as one, with a retry', () => {
    const error = new ApiRequestError(502, 'engine_version', 'Engine API 1.11 is too old')
    render(<ErrorState error={error} onRetry={() => undefined} />)
    expect(screen.getByRole('alert').textContent).toContain('Engine API 1.11 is too old')
    expect(screen.getByRole('button', { name: 'Try again' })).toBeDefined()
  })
})
