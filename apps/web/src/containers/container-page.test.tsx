// @vitest-environment jsdom
// @vitest-environment-options { "url": "http://127.0.0.1:9/" }
import '../../test/dom.ts'
import { type ContainerDetails, type Host, MASKED_ENV_VALUE } from '@harbormaster/contract'
import { screen, within } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { containerDetailsFixture, hostFixture } from '../../test/fixtures.ts'
import { renderPage } from '../../test/render-page.tsx'
import { hostKeys } from '../hosts/queries.ts'
import { ContainerPage } from './container-page.tsx'
import { containerKeys } from './queries.ts'

// Served from 127.0.0.1:9, where nothing listens: the page shows what the cache is seeded with,
// which is what the server answers each role (see apps/server/src/policy/env-visibility.ts).

const M = MASKED_ENV_VALUE

function details(env: string[], maskedEnv: string[]): ContainerDetails {
  return containerDetailsFixture({
    id: 'c1-0123456789abcdef',
    name: '/db',
    image: 'postgres:17',
    env,
    maskedEnv,
    raw: { Id: 'c1-0123456789abcdef', Config: { Image: 'postgres:17', Env: env } },
  })
}

function renderContainer(role: Host['role'], container: ContainerDetails, tab = '') {
  renderPage({
    path: `/hosts/h1/containers/c1${tab}`,
    route: '/hosts/:hostId/containers/:id/:tab?',
    component: ContainerPage,
    seed: (client) => {
      client.setQueryData(hostKeys.list(), [hostFixture(role)])
      client.setQueryData(containerKeys.detail('h1', 'c1'), container)
    },
  })
}

function envCard() {
  const card = screen.getByRole('heading', { name: 'Environment' }).closest('section')
  if (!card) throw new Error('no Environment card')
  return within(card)
}

describe('environment values the server withheld', () => {
  const viewerSees = details(
    [`PLAIN=${M}`, `DB_PASSWORD=${M}`, `EMPTY=${M}`, 'NOVALUE'],
    ['PLAIN', 'DB_PASSWORD', 'EMPTY'],
  )

  it('shows a viewer every name, each value as withheld, and nothing to reveal', () => {
    renderContainer('viewer', viewerSees)

    const card = envCard()
    expect(card.getByText('PLAIN')).toBeTruthy()
    expect(card.getByText('NOVALUE')).toBeTruthy()
    expect(card.getAllByText('withheld')).toHaveLength(3)
    expect(card.queryByRole('button', { name: /reveal/i })).toBeNull()
    expect(card.getByRole('note').textContent).toMatch(/withholds environment values from viewers/)
  })

  it('shows a viewer the server’s marker in the raw JSON, with no reveal', () => {
    renderContainer('viewer', viewerSees, '/inspect')

    expect(screen.getByText(/"DB_PASSWORD=\[masked\]"/)).toBeTruthy()
    expect(screen.queryByRole('button', { name: /env values/ })).toBeNull()
    expect(screen.getByRole('note').textContent).toMatch(/from viewers/)
  })

  it('lets an operator reveal what reached the page, and never a withheld value', async () => {
    const user = userEvent.setup()
    renderContainer(
      'operator',
      details(['PLAIN=hello', `DB_PASSWORD=${M}`, 'X=a=b'], ['DB_PASSWORD']),
    )

    const card = envCard()
    expect(card.queryByText('hello')).toBeNull()
    await user.click(card.getByRole('button', { name: 'Reveal values' }))

    expect(card.getByText('hello')).toBeTruthy()
    expect(card.getByText('a=b')).toBeTruthy()
    expect(card.getAllByText('withheld')).toHaveLength(1)
    expect(card.queryByRole('button', { name: 'Copy DB_PASSWORD' })).toBeNull()
    expect(card.getByRole('note').textContent).toMatch(/1 value .*secret patterns.*admin/)
  })
})
