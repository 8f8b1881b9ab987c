import { createMiddleware } from 'hono/factory'
import { ApiError } from './errors.ts'
import { findUnsafeText, unsafeTextError } from './safe-text.ts'

/**
 * Refuses JSON bodies with a key repeated in one object, even in another letter case. The
 * engine's Go decoder matches keys case-insensitively and lets the last duplicate win, while
 * JSON.parse and our checks see the first exact key: `{"Privileged":false,"privileged":true}`
 * would pass a check and run privileged (issue 9). Our schemas are strict, so a body that is
 * accepted has exactly one spelling of every key.
 *
 * @returns the name of the first duplicated key, or undefined.
 */
export function findDuplicateKey(text: string): string | undefined {
  // One entry per open bracket: the keys seen so far for an object, null for an array.
  const stack: (Set<string> | null)[] = []
  let expectKey = false
  for (let i = 0; i < text.length; i++) {
    const char = text[i]
    if (char === '"') {
      const end = endOfString(text, i)
      const keys = stack.at(-1)
      if (expectKey && keys) {
        const key = (JSON.parse(text.slice(i, end + 1)) as string).toLowerCase()
        if (keys.has(key)) return key
        keys.add(key)
      }
      expectKey = false
      i = end
    } else if (char === '{' || char === '[') {
      stack.push(char === '{' ? new Set() : null)
      expectKey = char === '{'
    } else if (char === '}' || char === ']') {
      stack.pop()
    } else if (char === ',') {
      expectKey = Boolean(stack.at(-1))
    }
  }
  return undefined
}

function endOfString(text: string, start: number): number {
  for (let i = start + 1; i < text.length; i++) {
    if (text[i] === '\\') i++
    else if (text[i] === '"') return i
  }
  return text.length - 1
}

/** Checks JSON request bodies before any handler parses them (runs on non-GET /api routes). */
export const strictJson = () =>
  createMiddleware(async (c, next) => {
    const type = c.req.header('content-type') ?? ''
    if (!type.toLowerCase().includes('json')) return next()
    const text = await c.req.text()
    if (text.trim() === '') return next()
    let parsed: unknown
    try {
      parsed = JSON.parse(text)
    } catch {
      throw new ApiError(400, 'invalid_request', 'Request body is not valid JSON')
    }
    const unsafe = findUnsafeText(parsed, 'json')
    if (unsafe !== undefined) throw unsafeTextError(unsafe)
    const duplicate = findDuplicateKey(text)
    if (duplicate !== undefined) {
      throw new ApiError(400, 'invalid_request', `Request body repeats the key "${duplicate}"`)
    }
    return next()
  })
