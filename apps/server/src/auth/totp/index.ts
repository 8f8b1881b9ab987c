import { Hono } from 'hono'
import type { AppEnv } from '../../app-env.ts'
import { totpEnrolmentRoutes } from './enrolment-routes.ts'
import { totpSignInRoutes } from './sign-in-routes.ts'

/** Authenticator apps and recovery codes (issue 21), mounted at /api/auth. */
export const totpRoutes = new Hono<AppEnv>()
  .route('/', totpEnrolmentRoutes)
  .route('/', totpSignInRoutes)
