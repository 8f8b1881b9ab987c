export { CapsulesPage } from './capsules-page.tsx'
export { CapsulePage } from './capsule-page.tsx'
export { EarlierRuns } from './earlier-runs.tsx'
export { capsulesPath } from './capsule-view.ts'
