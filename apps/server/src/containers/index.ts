export { listContainers, visibleContainers } from './container-list.ts'
export { containerTarget, resolveContainer } from './container-scope.ts'
export { lifecycleRoutes } from './lifecycle-routes.ts'
export { containerRoutes } from './routes.ts'
