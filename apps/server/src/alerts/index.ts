export { AlertService, type AlertListener } from './alert-service.ts'
export { type AlertDispatcher, loggingDispatcher } from './dispatch.ts'
export {
  type AutoUpdateFeed,
  type ImageUpdateFeed,
  emptyAutoUpdateFeed,
  emptyImageUpdateFeed,
} from './image-update-feed.ts'
export { alertRoutes, alertRuleRoutes } from './routes.ts'
