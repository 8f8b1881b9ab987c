export { ImageUpdates, type FindingListener, type ImageUpdatesOptions } from './image-updates.ts'
export { startSchedule } from './schedule.ts'
export { updateRoutes } from './routes.ts'
export { AUTO_UPDATE_LABEL, AutoUpdates, type AutoUpdatesOptions } from './auto-updates.ts'
