// Fails when a file of the repository cites a document outside it (the engine notes and seeds a
// development machine happens to have). Facts about the engine live in docs/engine.md, each with
// the test that shows it; cite `docs/engine.md#section` instead.
// Usage: node scripts/check-engine-citations.ts   (run by scripts/test.sh)
import { readdirSync, readFileSync } from 'node:fs'
import { join, relative } from 'node:path'

const ROOT = join(import.meta.dirname, '..')
const SKIPPED = new Set(['node_modules', 'dist', 'data', 'coverage', 'test-results', 'screenshots'])
const TEXT = /\.(ts|tsx|js|mjs|cjs|md|json|sh|ya?ml|css|html)$|^Dockerfile$/
const OUTSIDE = [/engine-api\.md/, /\.\.\/shared\//, /\/work\/shared\//, /\bshared\/(docs|seeds)\//]
const SELF = relative(ROOT, import.meta.filename)

function* textFiles(dir: string): Generator<string> {
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith('.') || SKIPPED.has(entry.name)) continue
    const path = join(dir, entry.name)
    if (entry.isDirectory()) yield* textFiles(path)
    else if (TEXT.test(entry.name)) yield path
  }
}

const found: string[] = []
for (const path of textFiles(ROOT)) {
  const name = relative(ROOT, path)
  if (name === SELF) continue
  readFileSync(path, 'utf8')
    .split('\n')
    .forEach((line, index) => {
      if (OUTSIDE.some((pattern) => pattern.test(line)))
        found.push(`${name}:${index + 1}: ${line.trim()}`)
    })
}

if (found.length > 0) {
  console.error('These lines cite documents outside the repository; cite docs/engine.md#section:')
  for (const line of found) console.error(`  ${line}`)
  process.exit(1)
}
console.log('citations: none outside the repository')
