/**
 * Whether an environment key matches a secret pattern: `*` stands for any run of characters,
 * letter case is ignored. A two-pointer match that steps back only to the last `*`, so its cost
 * stays within key length × pattern length: a regular expression built from the pattern would
 * backtrack exponentially on `*a*a*a…` against a long key.
 */
export function matchesKeyPattern(pattern: string, key: string): boolean {
  const p = pattern.toLowerCase()
  const k = key.toLowerCase()
  let pi = 0
  let ki = 0
  let star = -1
  let resume = 0
  while (ki < k.length) {
    if (p[pi] === '*') {
      star = pi++
      resume = ki
    } else if (pi < p.length && p[pi] === k[ki]) {
      pi++
      ki++
    } else if (star !== -1) {
      // The last `*` takes one more character of the key; the rest of the pattern starts over.
      pi = star + 1
      ki = ++resume
    } else {
      return false
    }
  }
  while (p[pi] === '*') pi++
  return pi === p.length
}
