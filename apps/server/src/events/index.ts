export { HostEvents, type HostEventListener, type HostEventMessage } from './events-hub.ts'
