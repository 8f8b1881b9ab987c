export { progressRoutes as imageProgressRoutes } from './progress-routes.ts'
export { imageRoutes } from './routes.ts'
export { assertBuildStaysInside } from './build-reach.ts'
export { assertTargetsInScope } from './image-scope.ts'
