export { LogsTab } from './logs-tab.tsx'
export { LogPanel, type LogStreamStatus } from './log-panel.tsx'
export {
  appendLines,
  appendNotice,
  emptyLogBuffer,
  type LogEntry,
  type SourcedLine,
} from './log-buffer.ts'
export { useLogOptions } from './use-log-options.ts'
export { type LiveLogMessage, useLiveLog } from './use-live-log.ts'
