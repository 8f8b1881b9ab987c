export { adminOnlySettingsOf, assertMayReachInside } from './admin-only.ts'
export { listContainers, visibleContainers } from './container-list.ts'
export { containerTarget, resolveContainer } from './container-scope.ts'
export { lifecycleRoutes } from './lifecycle-routes.ts'
export { containerRoutes } from './routes.ts'
export {
  type CheckedCreate,
  type NetworkToConnect,
  checkedCreateSpec,
  settingRefusals,
} from './create-checks.ts'
export { connectNetworks } from './create-container.ts'
export { hostPathVolumeSettings, inspectVolumes } from './named-volumes.ts'
export { allHostsContainerRoutes } from './all-hosts-routes.ts'
export { HOST_DOWN, scopedHostContainers, type HostContainers } from './all-hosts.ts'
export { listHostContainers } from './container-list.ts'
