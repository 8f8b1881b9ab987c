import { ApiRequestError } from '../platform/api-client.ts'

/**
 * Whether a refused remove would go through with `force`: the engine answers 409 both for an
 * image under several tags or held by a stopped container ("must be forced"), where force works,
 * and for one a running container uses ("cannot be forced"), where it does not.
 */
export function mayForceRemoval(err: unknown): boolean {
  return (
    err instanceof ApiRequestError && err.status === 409 && !/cannot be forced/i.test(err.message)
  )
}
