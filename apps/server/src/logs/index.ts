export { logRoutes } from './routes.ts'
export { LineSplitter } from './log-lines.ts'
