import { describe, expect, it } from 'vitest'
import { toContainer, toContainerState } from './to-container.ts'

// A `--link` made on the private engine here did not add the alias to the target's names, so
// the shape is a fixture: the one Engine 20.10 (API 1.41) answered for a link target.
describe('toContainer (fixture: a 1.41 list item of a legacy link target)', () => {
  it('takes the name with one slash, wherever the engine lists it', () => {
    const item = { Id: 'c1', Names: ['/hm-link/alias', '/hm-notty'], State: 'running' }
    expect(toContainer(item)).toMatchObject({ id: 'c1', name: 'hm-notty', state: 'running' })
  })

  it('reads the state in lower case, as the v1.23 reference writes it capitalised', () => {
    expect(toContainerState('Exited')).toBe('exited')
    expect(toContainerState(undefined)).toBe('created')
  })
})
