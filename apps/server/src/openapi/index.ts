export { describeApi, type RouteEntry } from './describe-api.ts'
export type { OpenApiDocument } from './document.ts'
export { ROUTE_DOCS } from './route-docs.ts'
export { openApiRoutes } from './routes.ts'
