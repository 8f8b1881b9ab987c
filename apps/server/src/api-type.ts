/** The typed API, for `hc<AppType>` in the web app (the only thing the web imports from here). */
export type { ApiApp as AppType } from './app.ts'
