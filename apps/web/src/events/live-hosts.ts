import { useSyncExternalStore } from 'react'

/**
 * Which hosts have an events socket open in this tab right now: on those, alert notices arrive
 * live (the server relays a host's notices on its socket), so nothing needs to ask for them.
 * One store per tab, as there is one set of sockets per tab.
 */
const openSockets = new Map<string, number>()
const listeners = new Set<() => void>()
let snapshot: ReadonlySet<string> = new Set()

function changed(): void {
  snapshot = new Set(openSockets.keys())
  for (const listener of listeners) listener()
}

/** A host's socket is open. @returns the function to call once it no longer is (idempotent). */
export function hostSocketOpened(hostId: string): () => void {
  openSockets.set(hostId, (openSockets.get(hostId) ?? 0) + 1)
  changed()
  let released = false
  return () => {
    if (released) return
    released = true
    const left = (openSockets.get(hostId) ?? 1) - 1
    if (left > 0) openSockets.set(hostId, left)
    else openSockets.delete(hostId)
    changed()
  }
}

function subscribe(listener: () => void): () => void {
  listeners.add(listener)
  return () => listeners.delete(listener)
}

/** The hosts whose events socket is open in this tab (a new set whenever it changes). */
export function useLiveHosts(): ReadonlySet<string> {
  return useSyncExternalStore(subscribe, () => snapshot)
}
