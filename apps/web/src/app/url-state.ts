import { useCallback } from 'react'
import { useSearchParams } from 'wouter'

/**
 * A piece of view state kept in the URL's query (filters, search, sort), so a link shares the
 * view. Setting a value to '' removes it; history is replaced, not pushed, as the user types.
 */
export function useUrlParam(name: string): [string, (value: string) => void] {
  const [params] = useSearchParams()
  const setParams = useSetUrlParams()
  const value = params.get(name) ?? ''
  const setValue = useCallback(
    (next: string) => {
      setParams({ [name]: next })
    },
    [name, setParams],
  )
  return [value, setValue]
}

/**
 * Sets several query parameters in one history entry ('' removes one). Two `useUrlParam`
 * setters called one after the other would each start from the same old query, and the second
 * would undo the first.
 */
export function useSetUrlParams(): (values: Record<string, string>) => void {
  const [, setParams] = useSearchParams()
  return useCallback(
    (values: Record<string, string>) => {
      setParams(
        (prev) => {
          const copy = new URLSearchParams(prev)
          for (const [name, next] of Object.entries(values)) {
            if (next === '') copy.delete(name)
            else copy.set(name, next)
          }
          return copy
        },
        { replace: true },
      )
    },
    [setParams],
  )
}
