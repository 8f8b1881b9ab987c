export { containerStatsRoutes, hostStatsRoutes } from './routes.ts'
export {
  DEFAULT_LINGER_MS,
  DEFAULT_MAX_STREAMS,
  StatsHub,
  type StatsHubCounters,
  type StatsHubOptions,
  type StatsListener,
  type StatsUpdate,
} from './stats-hub.ts'
