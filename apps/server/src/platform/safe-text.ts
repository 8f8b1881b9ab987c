import { createMiddleware } from 'hono/factory'
import { ApiError } from './errors.ts'

/**
 * A NUL ends a C string in the engine and the kernel (env, argv, paths, labels), and a lone UTF-16
 * surrogate has no UTF-8 form: the engine would receive something other than what we checked,
 * or fail with a 500. Neither is ever meaningful in a name, a setting or a path.
 */
const UNSAFE = /\0|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/

/** The path (`json.env.0`) of the first string, key included, that holds unsafe text. */
export function findUnsafeText(value: unknown, path: string): string | undefined {
  if (typeof value === 'string') return UNSAFE.test(value) ? path : undefined
  if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) {
      const found = findUnsafeText(item, `${path}.${String(index)}`)
      if (found !== undefined) return found
    }
    return undefined
  }
  if (typeof value === 'object' && value !== null) {
    for (const [key, item] of Object.entries(value)) {
      if (UNSAFE.test(key)) return `${path}.${key.replace(UNSAFE, '\uFFFD')}`
      const found = findUnsafeText(item, `${path}.${key}`)
      if (found !== undefined) return found
    }
  }
  return undefined
}

export function unsafeTextError(where: string): ApiError {
  return new ApiError(
    400,
    'invalid_request',
    `${where}: contains a NUL character or an unpaired surrogate, which the engine cannot take`,
  )
}

/** Refuses a request whose path or query holds unsafe text, before any route reads it. */
export const safeText = () =>
  createMiddleware(async (c, next) => {
    if (UNSAFE.test(decodedPath(c.req.path))) throw unsafeTextError('path')
    const found = findUnsafeText(c.req.queries(), 'query')
    if (found !== undefined) throw unsafeTextError(found)
    await next()
  })

function decodedPath(path: string): string {
  try {
    return decodeURIComponent(path)
  } catch {
    // Not valid percent-encoded UTF-8: routes see it raw, and it holds no NUL.
    return path.includes('%00') ? '\0' : path
  }
}
