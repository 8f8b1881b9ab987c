export { swarmRoutes } from './routes.ts'
export { swarmNodeRoutes } from './node-routes.ts'
export { swarmClusterRoutes } from './cluster-routes.ts'
export { serviceLogRoutes } from './service-log-routes.ts'
