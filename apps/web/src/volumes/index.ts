export { VolumeListPage } from './volume-list-page.tsx'
export { VolumePage } from './volume-page.tsx'
export { volumeListOptions } from './queries.ts'
