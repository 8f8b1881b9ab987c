export { NetworkListPage } from './network-list-page.tsx'
export { NetworkPage } from './network-page.tsx'
export { networkListOptions } from './queries.ts'
