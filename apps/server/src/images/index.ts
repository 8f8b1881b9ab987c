export { progressRoutes as imageProgressRoutes } from './progress-routes.ts'
export { imageRoutes } from './routes.ts'
export { assertBuildStaysInside, buildContextCheck, loadDockerfileReach } from './build-reach.ts'
export { assertTargetsInScope } from './image-scope.ts'
