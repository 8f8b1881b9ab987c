export { DISK_USAGE_TTL_MS, measureDiskUsage } from './disk-usage-cache.ts'
export { healthRoutes } from './health-routes.ts'
export { systemRoutes } from './routes.ts'
