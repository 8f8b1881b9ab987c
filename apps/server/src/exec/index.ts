export { execRoutes } from './routes.ts'
export type { TerminalSessionInfo, TerminalTap } from './terminal-tap.ts'
