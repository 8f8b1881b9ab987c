export { stackDeployRoutes } from './deploy-routes.ts'
export { stackDirectoryRoutes } from './directory-routes.ts'
export { stackAdoptionRoutes } from './adoption-routes.ts'
export { stackLogRoutes } from './log-routes.ts'
export { stackOperationRoutes } from './operation-routes.ts'
export { stackRoutes } from './routes.ts'
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
