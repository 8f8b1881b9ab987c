import { useSyncExternalStore } from 'react'

export type ColorScheme = 'light' | 'dark'

const QUERY = '(prefers-color-scheme: dark)'

function subscribe(onChange: () => void): () => void {
  const media = window.matchMedia(QUERY)
  media.addEventListener('change', onChange)
  return () => {
    media.removeEventListener('change', onChange)
  }
}

/**
 * The system's light or dark preference, live: the stylesheet follows it through CSS, and
 * canvas-drawn parts (the terminal, the charts) follow it through this.
 */
export function useColorScheme(): ColorScheme {
  return useSyncExternalStore(subscribe, () =>
    window.matchMedia(QUERY).matches ? 'dark' : 'light',
  )
}
