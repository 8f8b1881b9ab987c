export { HostRegistry, type HostDefinition, type RegisteredHost } from './host-registry.ts'
export { HostStore, endpointOf, type StoredHost } from './host-store.ts'
export { registerHosts } from './register-hosts.ts'
export { hostRoutes } from './routes.ts'
