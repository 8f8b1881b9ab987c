export {
  authServices,
  initAuthServices,
  type AuthOptions,
  type AuthServices,
} from './auth-services.ts'
export { authenticate } from './authenticate.ts'
export { ensureFirstAdmin, openSetup } from './first-admin.ts'
export { LoginThrottle, type LoginThrottleOptions } from './login-throttle.ts'
export { dummyVerify, hashPassword, PasswordHasherBusyError, verifyPassword } from './passwords.ts'
export { authRoutes } from './routes.ts'
export { sessionCookieName } from './session-cookie.ts'
export { hashSessionId, SessionStore, type ResolvedSession } from './sessions.ts'
export { tokenRoutes } from './token-routes.ts'
export { TokenStore, type ApiTokenRecord } from './tokens.ts'
export { userEvents, type CredentialsChanged } from './user-events.ts'
export { userRoutes } from './user-routes.ts'
export { loadPrincipal, UserStore, type UserRecord } from './users.ts'
export { principalStillValid } from './principal-check.ts'
