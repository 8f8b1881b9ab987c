export { SwarmPage } from './swarm-page.tsx'
export { useIsSwarmManager } from './queries.ts'
export { ServicePage } from './service-page/service-page.tsx'
