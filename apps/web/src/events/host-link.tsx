import { createContext, use } from 'react'
import type { HostLink } from './use-host-events.ts'

export const HostLinkContext = createContext<HostLink>('connecting')

/** Whether the current host's live events are flowing (for banners and "live" marks). */
export function useHostLink(): HostLink {
  return use(HostLinkContext)
}
