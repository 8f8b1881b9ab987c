export { ContainerInventory } from './container-inventory.ts'
export type { InventoryCounters } from './model-state.ts'
export { statusText } from './container-status.ts'
