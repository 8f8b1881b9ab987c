export { EditServicePage, NewServicePage } from './service-form-page.tsx'
