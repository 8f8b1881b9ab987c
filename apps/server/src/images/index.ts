export { progressRoutes as imageProgressRoutes } from './progress-routes.ts'
export { imageRoutes } from './routes.ts'
