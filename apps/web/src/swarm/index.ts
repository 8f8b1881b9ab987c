export { SwarmPage } from './swarm-page.tsx'
export { useIsSwarmManager } from './queries.ts'
