// @vitest-environment jsdom
import '../../test/dom.ts'
import { renderHook } from '@testing-library/react'
import { useState } from 'react'
import { describe, expect, it } from 'vitest'
import { useResetOnChange } from './use-reset-on-change.ts'

/** A count kept in state, 5 at first, that the hook zeroes. */
function useCounter(deps: readonly unknown[]) {
  const [count, setCount] = useState(5)
  useResetOnChange(deps, () => {
    setCount(0)
  })
  return count
}

describe('useResetOnChange', () => {
  it('resets in the render where a dependency changes, never on the first nor on equal ones', () => {
    const same = { id: 'a' }
    const { result, rerender } = renderHook(({ deps }) => useCounter(deps), {
      initialProps: { deps: ['h1', same] as readonly unknown[] },
    })
    expect(result.current).toBe(5)
    rerender({ deps: ['h1', same] })
    expect(result.current).toBe(5)
    rerender({ deps: ['h1', { id: 'a' }] })
    expect(result.current).toBe(0)
  })
})
