export { MetricHistoryService, type MetricHistoryParts } from './metric-history.ts'
export { containerHistoryRoutes, hostHistoryRoutes } from './routes.ts'
