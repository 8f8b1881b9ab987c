export { ImageListPage } from './image-list-page.tsx'
