export { terminalSessionRoutes } from './routes.ts'
export { TerminalSessions } from './terminal-sessions.ts'
export { SESSION_ROWS_MAX } from './retention.ts'
