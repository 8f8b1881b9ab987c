import { useState } from 'react'

/**
 * Calls `reset` in the render where any of `deps` differs from the previous render's (by
 * `Object.is`), React's "adjusting state when a prop changes" pattern: React re-renders at once
 * with the reset state, so the view never shows a frame of the old source's state, as a reset in
 * an effect would (it runs a render late and costs a second commit). `reset` may only set state.
 */
export function useResetOnChange(deps: readonly unknown[], reset: () => void): void {
  const [seen, setSeen] = useState(deps)
  if (deps.length !== seen.length || deps.some((dep, i) => !Object.is(dep, seen[i]))) {
    setSeen(deps)
    reset()
  }
}
