export { swarmRoutes } from './routes.ts'
export { serviceRoutes } from './service-routes.ts'
export { swarmFileRoutes } from './swarm-file-routes.ts'
export { swarmNodeRoutes } from './node-routes.ts'
export { swarmClusterRoutes } from './cluster-routes.ts'
export { serviceLogRoutes } from './service-log-routes.ts'
export { serviceTasksRoutes } from './service-tasks-routes.ts'
export { judgedSettings, serviceRefusals } from './service-policy.ts'
export { visibleServices } from './service-scope.ts'
export { hostIsSwarmManager, swarmManager } from './swarm-reads.ts'
export { changeService } from './service-change.ts'
export { resolveService } from './service-scope.ts'
export {
  STACK_IMAGE_LABEL,
  type ServiceUpdate,
  changedSinceCheck,
  serviceUpdateOf,
  serviceUpdates,
} from './service-image-updates.ts'
