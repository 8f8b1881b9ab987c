// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../test/dom.ts'
import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { hostFixture } from '../../test/fixtures.ts'
import { renderPage } from '../../test/render-page.tsx'
import { hostKeys } from '../hosts/queries.ts'
import { CreateContainerPage } from './create-container-page.tsx'
import { shownErrors } from './inline-errors.ts'

// Served from 127.0.0.1:9, where nothing listens: the form never reaches a server here.

function renderForm() {
  renderPage({
    path: '/hosts/h1/containers/new',
    route: '/hosts/:hostId/containers/new',
    component: CreateContainerPage,
    seed: (client) => {
      client.setQueryData(hostKeys.list(), [hostFixture()])
    },
  })
  // A field's accessible name is its label's text, which includes its error once shown: the
  // error is what the label says after the field's own name.
  const field = (label: string) => screen.getByRole('textbox', { name: new RegExp(`^${label}`) })
  const errorOf = (label: string) => {
    const text = field(label).closest('label')?.textContent ?? ''
    return text.length > label.length ? text.slice(label.length) : undefined
  }
  return { field, errorOf, user: userEvent.setup() }
}

describe('CreateContainerPage validation', () => {
  it("shows a field's error once the user leaves it, then as they type, and all on submit", async () => {
    const { field, errorOf, user } = renderForm()
    await user.type(field('Name'), 'bad name!')
    expect(errorOf('Name')).toBeUndefined()

    await user.tab()
    expect(errorOf('Name')).toMatch(/^name: /)
    expect(field('Name').getAttribute('aria-invalid')).toBe('true')
    // Not yet left: the empty image is not called out.
    expect(errorOf('Image')).toBeUndefined()

    await user.clear(field('Name'))
    await user.type(field('Name'), 'web')
    expect(errorOf('Name')).toBeUndefined()
    await user.type(field('Name'), '!')
    expect(errorOf('Name')).toMatch(/^name: /)

    await user.click(screen.getByRole('button', { name: 'Create and start' }))
    expect(errorOf('Image')).toMatch(/^image: /)
  })

  it('keeps a port row quiet while the user moves between its inputs', async () => {
    const { user } = renderForm()
    await user.click(screen.getByRole('button', { name: 'Add port' }))
    await user.click(screen.getByRole('textbox', { name: 'Host port' }))
    await user.click(screen.getByRole('textbox', { name: 'Container port' }))
    const ports = screen.getByRole('group', { name: 'Ports' })
    expect(within(ports).queryByText(/^ports/)).toBeNull()

    await user.click(screen.getByRole('textbox', { name: /^Image/ }))
    expect(within(ports).getByText(/^ports/)).toBeTruthy()
  })
})

describe('shownErrors', () => {
  const errors = { image: 'image: required', name: 'name: invalid' }

  it('shows only the errors of fields the user has left, until submit shows them all', () => {
    expect(shownErrors(errors, new Set(), false)).toEqual({})
    expect(shownErrors(errors, new Set(['name', 'cpus']), false)).toEqual({ name: 'name: invalid' })
    expect(shownErrors(errors, new Set(), true)).toEqual(errors)
  })
})
