/** Loaded lazily (React.lazy): this capability carries xterm.js. */
export { TerminalTab } from './terminal-tab.tsx'
