export { HistorySettingsStore, type HistorySettingsListener } from './history-settings-store.ts'
export { historySettingsRoutes } from './routes.ts'
