export { ContainerInventory } from './container-inventory.ts'
export type { InventoryCounters } from './model-state.ts'
export { humanDuration, statusText } from './container-status.ts'
