export { CapsuleService, type CapsuleServiceParts } from './capsule-service.ts'
export { capsuleRoutes, logRetentionRoutes } from './routes.ts'
