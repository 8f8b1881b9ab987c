export { swarmRoutes } from './routes.ts'
export { serviceRoutes } from './service-routes.ts'
export { swarmFileRoutes } from './swarm-file-routes.ts'
