export { volumeRoutes } from './routes.ts'
export { resolveVolume } from './volume-scope.ts'
export { sharedVolumeList } from './volume-list.ts'
