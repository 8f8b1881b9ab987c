/** Loaded lazily (React.lazy): this capability carries uPlot. */
export { HostStatsTable } from './host-stats-table.tsx'
export { StatsTab } from './stats-tab.tsx'
