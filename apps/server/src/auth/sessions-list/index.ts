export { ownSessionRoutes } from './own-routes.ts'
export { userSessionRoutes } from './user-routes.ts'
