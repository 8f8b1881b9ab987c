export { keysForEvent } from './event-keys.ts'
export { HostLinkContext, useHostLink } from './host-link.tsx'
export { useHostEvents, type HostLink } from './use-host-events.ts'
export { hostSocketOpened, useLiveHosts } from './live-hosts.ts'
