export {
  COLD_START_REPLAY_SECONDS,
  HostEvents,
  type HostEventListener,
  type HostEventMessage,
} from './events-hub.ts'
export { EVENTS_MAX_BUFFERED_BYTES, eventRoutes, relayEvents } from './routes.ts'
export { toLiveEvent } from './to-live-event.ts'
