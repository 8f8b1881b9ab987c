import { Hono } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { passkeyEnrolmentRoutes } from './enrolment-routes.ts'
import { passkeySignInRoutes } from './sign-in-routes.ts'

/** Mounted at /api/auth/passkeys: a user's passkeys, and signing in with one. */
export const passkeyRoutes = new Hono<AppEnv>()
  .route('/', passkeySignInRoutes)
  .route('/', passkeyEnrolmentRoutes)
