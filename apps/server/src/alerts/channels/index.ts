export { alertChannelRoutes } from './routes.ts'
export { ChannelStore, type StoredChannel } from './channel-store.ts'
