export { AlertBell } from './alert-bell.tsx'
export { ALERTS_KEY } from './alerts-api.ts'
export { AlertsPage } from './alerts-page.tsx'
export { RulesPanel } from './rules-panel.tsx'
