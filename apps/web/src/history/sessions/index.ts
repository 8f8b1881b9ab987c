export { MySessionsPanel, TerminalSessionsPanel } from './sessions-panel.tsx'
