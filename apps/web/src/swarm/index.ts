export { SwarmPage } from './swarm-page.tsx'
export { useIsSwarmManager } from './queries.ts'
export { EditServicePage, NewServicePage } from './service-form/index.ts'
