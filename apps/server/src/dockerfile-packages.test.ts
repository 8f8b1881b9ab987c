import { readFileSync } from 'node:fs'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = join(import.meta.dirname, '..', '..', '..')

describe('the Dockerfile', () => {
  it('copies every workspace package the server is bundled from, manifest and sources', () => {
    const manifest = JSON.parse(readFileSync(join(ROOT, 'apps/server/package.json'), 'utf8')) as {
      dependencies?: Record<string, string>
    }
    const packages = Object.keys(manifest.dependencies ?? {})
      .filter((name) => name.startsWith('@harbormaster/'))
      .map((name) => `packages/${name.slice('@harbormaster/'.length)}`)
    const copies = readFileSync(join(ROOT, 'Dockerfile'), 'utf8')
      .split('\n')
      .filter((line) => line.startsWith('COPY '))

    // Without one, the bundler leaves its import unresolved and the image's server exits at start.
    const missing = packages.filter(
      (dir) =>
        !copies.includes(`COPY ${dir}/package.json ${dir}/`) ||
        !copies.includes(`COPY ${dir} ${dir}`),
    )
    expect(packages.length).toBeGreaterThan(0)
    expect(missing).toEqual([])
  })
})
