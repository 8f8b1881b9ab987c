/** @harbormaster/contract: request, response and message shapes shared by server and web. */
export * from './errors.ts'
export * from './health.ts'
