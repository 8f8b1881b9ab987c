// @vitest-environment jsdom
import { describe, expect, it } from 'vitest'
import { ApiRequestError } from '../platform/api-client.ts'
import { mayForceRemoval } from './forced-removal.ts'

const conflict = (message: string) => new ApiRequestError(409, 'conflict', message)

describe('mayForceRemoval', () => {
  it('offers force when the engine says the remove must be forced', () => {
    expect(
      mayForceRemoval(
        conflict(
          'conflict: unable to delete 1a2b3c (must be forced) - image is referenced in multiple repositories',
        ),
      ),
    ).toBe(true)
    expect(
      mayForceRemoval(
        conflict(
          'conflict: unable to delete 1a2b3c (must be forced) - image is being used by stopped container 9f',
        ),
      ),
    ).toBe(true)
  })

  it('does not offer force where it cannot help', () => {
    expect(
      mayForceRemoval(
        conflict(
          'conflict: unable to delete 1a2b3c (cannot be forced) - image is being used by running container 9f',
        ),
      ),
    ).toBe(false)
    expect(mayForceRemoval(new ApiRequestError(404, 'not_found', 'No such image: x'))).toBe(false)
    expect(
      mayForceRemoval(new ApiRequestError(0, 'network', 'The server could not be reached')),
    ).toBe(false)
    expect(mayForceRemoval(new Error('must be forced'))).toBe(false)
  })
})
