export { LogsTab } from './logs-tab.tsx'
