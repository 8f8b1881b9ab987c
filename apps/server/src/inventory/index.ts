export { ContainerInventory, type InventoryCounters } from './container-inventory.ts'
export { humanDuration, statusText } from './container-status.ts'
