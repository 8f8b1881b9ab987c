export { NetworkListPage } from './network-list-page.tsx'
export { networkListOptions } from './queries.ts'
