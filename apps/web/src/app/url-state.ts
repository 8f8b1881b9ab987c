import { useCallback } from 'react'
import { useSearchParams } from 'wouter'

/**
 * A piece of view state kept in the URL's query (filters, search, sort), so a link shares the
 * view. Setting a value to '' removes it; history is replaced, not pushed, as the user types.
 */
export function useUrlParam(name: string): [string, (value: string) => void] {
  const [params, setParams] = useSearchParams()
  const value = params.get(name) ?? ''
  const setValue = useCallback(
    (next: string) => {
      setParams(
        (prev) => {
          const copy = new URLSearchParams(prev)
          if (next === '') copy.delete(name)
          else copy.set(name, next)
          return copy
        },
        { replace: true },
      )
    },
    [name, setParams],
  )
  return [value, setValue]
}
