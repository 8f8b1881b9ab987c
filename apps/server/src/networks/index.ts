export { networkTarget, resolveNetwork } from './network-scope.ts'
export { networkRoutes } from './routes.ts'
export { sharedNetworkList } from './network-list.ts'
