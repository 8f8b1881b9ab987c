export { stackDeployRoutes } from './deploy/deploy-routes.ts'
export { stackDirectoryRoutes } from './directory/directory-routes.ts'
export { stackAdoptionRoutes } from './adoption/adoption-routes.ts'
export { stackLogRoutes } from './logs/log-routes.ts'
export { stackOperationRoutes } from './operations/operation-routes.ts'
export { stackRoutes } from './routes.ts'
export { authorOf, requireStoredStack } from './stack-access.ts'
export {
  COMPOSE_FILE,
  ENV_FILE,
  ensureStackDirectory,
  readStackFile,
  resolveStackPath,
  writeStackFiles,
} from './stack-dir.ts'
export {
  StackStore,
  type StackAuthor,
  type StoredStack,
  type StoredVersion,
  type VersionStamp,
} from './stack-store.ts'
export { COMPOSE, dependenciesOf, servicesOf, startOrder } from './compose-labels.ts'
export { scanEnvText } from './env-text.ts'
export { updateCredentials } from './stack-updates.ts'
