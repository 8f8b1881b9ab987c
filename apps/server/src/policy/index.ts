export {
  ACTIONS,
  ACTIONS_BY_TOKEN,
  authorize,
  grantOn,
  inScope,
  labelsWithinScope,
  roleShownOn,
  type Action,
  type Decision,
} from './policy.ts'
export {
  callerEnvVisibility,
  envVisibility,
  maskEnv,
  maskEnvIn,
  restoreWithheldEnv,
  viewerEnvVisibility,
  type EnvVisibility,
} from './env-visibility.ts'
export { matchesKeyPattern } from './key-pattern.ts'
export { may, requireAction, requireHostAction, requirePrincipal } from './require-action.ts'
export {
  RESERVED_LABEL_PREFIX,
  bindsHostPaths,
  isHostPathVolume,
  namedVolumesOf,
  containerSettingRefusals,
  refusalMessage,
  refusedContainerSettings,
  refusedExecSettings,
  refusedVolumeSettings,
  reservedLabels,
  type SettingRefusal,
} from './settings-policy.ts'
export { hostPathRefusal, type BindAccess, type HostPathRules } from './host-paths.ts'
export * from './roles.ts'
export { adminOnlySettings, localVolumesOf, type EngineDefaults } from './admin-only-container.ts'
export { parseExecUser, resolvePasswdName, type ExecUserSpec } from './exec-user.ts'
export { visibleHosts, type VisibleHost } from './visible-hosts.ts'
