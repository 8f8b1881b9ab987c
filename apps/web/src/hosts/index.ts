export { HostOverviewPage } from './host-overview-page.tsx'
export { HostSwitcher } from './host-switcher.tsx'
export { canAdminister, canChange, hostKeys, hostSummary, useHost, useHosts } from './queries.ts'
