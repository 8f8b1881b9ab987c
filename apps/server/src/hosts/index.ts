export { HostRegistry, type HostDefinition } from './host-registry.ts'
