export { containerStatsRoutes, hostStatsRoutes } from './routes.ts'
export {
  DEFAULT_LINGER_MS,
  StatsHub,
  type StatsHubCounters,
  type StatsHubOptions,
  type StatsListener,
  type StatsUpdate,
} from './stats-hub.ts'
