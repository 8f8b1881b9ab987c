/**
 * A record keyed by names from the file (services, variables, labels). It has no prototype, so
 * a key like `__proto__` or `constructor` is an ordinary key and `name in record` is exact.
 */
export function dict<T>(): Record<string, T> {
  return Object.create(null) as Record<string, T>
}
