import {
  existsSync,
  lstatSync,
  mkdirSync,
  mkdtempSync,
  readFileSync,
  readdirSync,
  rmSync,
  statSync,
  symlinkSync,
  writeFileSync,
} from 'node:fs'
import { tmpdir } from 'node:os'
import { isAbsolute, join, relative } from 'node:path'
import fc from 'fast-check'
import { afterEach, beforeEach, describe, expect, it } from 'vitest'
import { ApiError } from '../platform/errors.ts'
import {
  ensureStackDirectory,
  readStackFile,
  removeStackDirectory,
  resolveStackPath,
  stackDirectory,
  stacksRoot,
  writeStackFiles,
} from './stack-dir.ts'

const inside = (root: string, path: string) => {
  const rel = relative(root, path)
  return rel !== '..' && !rel.startsWith('../') && !isAbsolute(rel)
}

/** Strings made of what path tricks are made of, and arbitrary ones. */
const pathish = fc.oneof(
  fc.string({ unit: fc.constantFrom('.', '/', '\\', '..', 'a', '-', '_', '\0', '~', '%2e', ' ') }),
  fc.string({ unit: 'binary' }),
  fc.constantFrom('..', '.', '/', '/etc', '../../etc/passwd', 'a/../../b', 'C:\\x', './a/./b'),
)

describe('stack directory names', () => {
  it('never leave the stacks root, whatever host id and name', () => {
    fc.assert(
      fc.property(pathish, pathish, (hostId, name) => {
        let dir: string
        try {
          dir = stackDirectory('/data', hostId, name)
        } catch {
          return
        }
        expect(inside(stacksRoot('/data'), dir)).toBe(true)
        expect(relative(stacksRoot('/data'), dir).split('/')).toEqual([hostId, name])
      }),
      { numRuns: 2000 },
    )
  })

  it('takes the contract’s shapes of host ids and stack names', () => {
    expect(stackDirectory('/data', 'local', 'my-app_2')).toBe('/data/stacks/local/my-app_2')
    for (const bad of ['..', '.', 'a/b', '', 'A', '-a', 'a\0']) {
      expect(() => stackDirectory('/data', 'local', bad)).toThrow()
      expect(() => stackDirectory('/data', bad, 'app')).toThrow()
    }
  })

  it('keeps paths a compose file names inside the stack directory, or refuses them (400)', () => {
    fc.assert(
      fc.property(pathish, (path) => {
        let resolved: string
        try {
          resolved = resolveStackPath('/data/stacks/local/app', path)
        } catch (err) {
          expect(err).toBeInstanceOf(ApiError)
          expect((err as ApiError).status).toBe(400)
          return
        }
        expect(inside('/data/stacks/local/app', resolved)).toBe(true)
      }),
      { numRuns: 2000 },
    )
    expect(resolveStackPath('/s', './secrets/db.txt')).toBe('/s/secrets/db.txt')
    expect(() => resolveStackPath('/s', 'a/../../x')).toThrow(/inside the stack/)
    expect(() => resolveStackPath('/s', '/etc/passwd')).toThrow(/absolute/)
  })
})

describe('the stack directory on disk', () => {
  let data: string
  let outside: string
  beforeEach(() => {
    data = mkdtempSync(join(tmpdir(), 'hm-stack-dir-'))
    outside = mkdtempSync(join(tmpdir(), 'hm-stack-outside-'))
  })
  afterEach(() => {
    rmSync(data, { recursive: true, force: true })
    rmSync(outside, { recursive: true, force: true })
  })

  it('writes the files atomically, 0600, in a 0700 directory', () => {
    const dir = ensureStackDirectory(data, 'local', 'app')
    writeStackFiles(dir, { 'compose.yaml': 'services: {}\n', '.env': 'A=1\n' })
    writeStackFiles(dir, { 'compose.yaml': 'services: {a: {}}\n', '.env': 'A=2\n' })

    expect(readFileSync(join(dir, '.env'), 'utf8')).toBe('A=2\n')
    expect(statSync(join(dir, '.env')).mode & 0o777).toBe(0o600)
    expect(statSync(join(dir, 'compose.yaml')).mode & 0o777).toBe(0o600)
    expect(statSync(dir).mode & 0o777).toBe(0o700)
    // No temporary file is left behind.
    expect(readdirSync(dir).sort()).toEqual(['.env', 'compose.yaml'])
  })

  it('refuses a directory on the way that is a link out of the stacks root', () => {
    mkdirSync(stacksRoot(data))
    symlinkSync(outside, join(stacksRoot(data), 'local'))

    expect(() => ensureStackDirectory(data, 'local', 'app')).toThrow(/not a directory of its own/)
    expect(readdirSync(outside)).toEqual([])
  })

  it('replaces a link planted as a file name instead of writing through it', () => {
    const dir = ensureStackDirectory(data, 'local', 'app')
    const victim = join(outside, 'victim')
    writeFileSync(victim, 'untouched')
    symlinkSync(victim, join(dir, '.env'))

    writeStackFiles(dir, { '.env': 'A=1\n' })

    expect(readFileSync(victim, 'utf8')).toBe('untouched')
    expect(lstatSync(join(dir, '.env')).isSymbolicLink()).toBe(false)
  })

  it('reads only regular files that resolve inside the directory', () => {
    const dir = ensureStackDirectory(data, 'local', 'app')
    writeFileSync(join(outside, 'secret'), 'host secret')
    mkdirSync(join(dir, 'conf'))
    writeFileSync(join(dir, 'conf', 'app.ini'), 'ok')
    symlinkSync(join(outside, 'secret'), join(dir, 'link-out'))
    symlinkSync(outside, join(dir, 'dir-out'))
    symlinkSync('conf/app.ini', join(dir, 'link-in'))

    expect(readStackFile(dir, 'conf/app.ini').toString()).toBe('ok')
    expect(() => readStackFile(dir, 'link-out')).toThrow(/outside/)
    expect(() => readStackFile(dir, 'dir-out/secret')).toThrow(/outside/)
    expect(() => readStackFile(dir, 'link-in')).toThrow(/a link/)
    expect(() => readStackFile(dir, 'conf')).toThrow(/not a file/)
    expect(() => readStackFile(dir, 'missing')).toThrow(/no such file/)
  })

  it('removes the directory, and only a planted link (not its target) in its place', () => {
    const dir = ensureStackDirectory(data, 'local', 'app')
    writeStackFiles(dir, { '.env': 'A=1\n' })
    removeStackDirectory(data, 'local', 'app')
    expect(existsSync(dir)).toBe(false)

    writeFileSync(join(outside, 'keep'), 'x')
    symlinkSync(outside, dir)
    removeStackDirectory(data, 'local', 'app')
    expect(existsSync(dir)).toBe(false)
    expect(readdirSync(outside)).toEqual(['keep'])
    removeStackDirectory(data, 'local', 'never-made')
  })
})
