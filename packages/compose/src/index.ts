/**
 * @harbormaster/compose: reads a compose file as the compose CLI does and gives the project in one
 * canonical, typed form with the position of every value. Pure: no filesystem, no engine.
 */
export { loadComposeProject, DEFAULT_FILE_NAME } from './load.ts'
export { formatPath } from './issues.ts'
export { isValidProjectName, normaliseProjectName } from './project-name.ts'
export { SUPPORTED_KEYS, SUPPORTED_SERVICE_KEYS } from './validation/supported-keys.ts'
export type {
  ComposeError,
  ComposeIssue,
  ComposePath,
  ComposeWarning,
  Position,
  SourceLocation,
} from './issues.ts'
export type * from './model/project.ts'
export type * from './model/service.ts'
