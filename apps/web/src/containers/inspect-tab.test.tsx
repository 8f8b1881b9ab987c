// @vitest-environment jsdom
import '../../test/dom.ts'
import { render, screen } from '@testing-library/react'
import userEvent from '@testing-library/user-event'
import { describe, expect, it } from 'vitest'
import { InspectTab } from './inspect-tab.tsx'

const RAW = {
  Id: 'c1',
  Config: {
    Image: 'postgres:17',
    Env: ['POSTGRES_PASSWORD=hunter2', 'EMPTY=', 'NAME_ONLY', 'PATH=/usr/bin:/bin'],
  },
  HostConfig: { Binds: ['data:/var/lib/postgresql/data'] },
}

describe('InspectTab', () => {
  it('masks env values in the raw JSON until the user reveals them, keeping the names', async () => {
    const user = userEvent.setup()
    const { container } = render(<InspectTab raw={RAW} maskedEnv={[]} role="admin" />)
    const json = () => JSON.parse(container.querySelector('pre')?.textContent ?? '') as typeof RAW
    expect(json().Config.Env).toEqual([
      'POSTGRES_PASSWORD=••••••',
      'EMPTY=••••••',
      'NAME_ONLY',
      'PATH=••••••',
    ])
    expect(container.textContent).not.toContain('hunter2')
    // The rest of the document is as the engine sent it.
    expect(json().HostConfig).toEqual(RAW.HostConfig)

    await user.click(screen.getByRole('button', { name: 'Reveal env values' }))
    expect(json()).toEqual(RAW)
    await user.click(screen.getByRole('button', { name: 'Hide env values' }))
    expect(container.textContent).not.toContain('hunter2')
  })

  it('offers no toggle when there is no environment', () => {
    render(<InspectTab raw={{ Id: 'c1', Config: { Env: null } }} maskedEnv={[]} role="admin" />)
    expect(screen.queryByRole('button', { name: /env values/ })).toBeNull()
  })
})
