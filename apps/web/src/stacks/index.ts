export { StackListPage } from './stack-list-page.tsx'
export { NewStackRoute, StackRoute } from './stack-routes.tsx'
