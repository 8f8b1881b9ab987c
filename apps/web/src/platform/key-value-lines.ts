/**
 * Parses `key=value` lines (labels, options) as people type them in a textarea: blank lines are
 * skipped, the first `=` splits, and the first malformed line is named in the error.
 */
export function parseKeyValueLines(text: string): {
  values: Record<string, string>
  error?: string
} {
  const values: Record<string, string> = {}
  for (const raw of text.split('\n')) {
    const line = raw.trim()
    if (line === '') continue
    const eq = line.indexOf('=')
    if (eq <= 0) return { values, error: `expected key=value: ${line}` }
    values[line.slice(0, eq).trim()] = line.slice(eq + 1).trim()
  }
  return { values }
}
