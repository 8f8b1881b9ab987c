export { TIMELINE_PRUNE_MS, TimelineService } from './timeline-service.ts'
export { timelineRoutes } from './routes.ts'
