/**
 * How well a name matches a query (case-insensitive substring), lower is better: the whole
 * name, then a name starting with it, then a match at a word's start (after `-`, `_`, `.`,
 * `/`, `:` or a space), then anywhere. Undefined when the name does not contain it.
 */
export function matchRank(name: string, query: string): number | undefined {
  const haystack = name.toLowerCase()
  const needle = query.toLowerCase()
  const at = haystack.indexOf(needle)
  if (at < 0) return undefined
  if (haystack === needle) return 0
  if (at === 0) return 1
  const words = haystack.split(/[-_./: ]/)
  return words.some((word) => word.startsWith(needle)) ? 2 : 3
}

export interface Ranked {
  rank: number
  name: string
  hostName: string
}

/** Best match first; among equals the shorter name (closer to the query), then by name, host. */
export function byRank(a: Ranked, b: Ranked): number {
  return (
    a.rank - b.rank ||
    a.name.length - b.name.length ||
    a.name.localeCompare(b.name) ||
    a.hostName.localeCompare(b.hostName)
  )
}
