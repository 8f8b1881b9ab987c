export { SwarmPage } from './swarm-page.tsx'
export { useIsSwarmManager } from './queries.ts'
export { NodePage } from './nodes/node-page.tsx'
export { ServicePage } from './service-page/service-page.tsx'
