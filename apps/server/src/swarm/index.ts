export { swarmRoutes } from './routes.ts'
