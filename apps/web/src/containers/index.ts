export { ContainerListPage } from './container-list-page.tsx'
export { ContainerPage } from './container-page.tsx'
export { CreateContainerPage } from './create-container-page.tsx'
