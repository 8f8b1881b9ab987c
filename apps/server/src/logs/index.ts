export { logRoutes } from './routes.ts'
export { LineSplitter, QUIET_MS } from './log-lines.ts'
export { LineBatcher } from './line-batcher.ts'
export { toLogOptions } from './log-query.ts'
