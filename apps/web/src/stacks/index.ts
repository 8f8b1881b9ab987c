export { NewStackRoute } from './new-stack-route.tsx'
export { StackListPage } from './stack-list-page.tsx'
export { StackPage } from './stack-page.tsx'
