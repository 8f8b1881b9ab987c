export { AccountPage } from './account-page.tsx'
export { AuthGate } from './auth-gate.tsx'
export { useLogout, useMe } from './queries.ts'
