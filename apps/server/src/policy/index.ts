export {
  ACTIONS,
  authorize,
  grantOn,
  inScope,
  labelsWithinScope,
  type Action,
  type Decision,
} from './policy.ts'
export { requireAction, requirePrincipal } from './require-action.ts'
export {
  RESERVED_LABEL_PREFIX,
  isAllowedHostPath,
  isHostPathVolume,
  namedVolumesOf,
  refusedContainerSettings,
  refusedExecSettings,
  type HostPathRules,
} from './settings-policy.ts'
export * from './roles.ts'
export { adminOnlySettings, localVolumesOf, type EngineDefaults } from './admin-only-container.ts'
export { parseExecUser, resolvePasswdName, type ExecUserSpec } from './exec-user.ts'
