export { ContainerInventory, type InventoryCounters } from './container-inventory.ts'
export { statusText } from './container-status.ts'
