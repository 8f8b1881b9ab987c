export { VolumeListPage } from './volume-list-page.tsx'
