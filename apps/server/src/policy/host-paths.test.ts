import fc from 'fast-check'
import { describe, expect, it } from 'vitest'
import { type BindAccess, type HostPathRules, hostPathRefusal } from './host-paths.ts'

const RO: BindAccess = { form: 'binds', readOnly: true, relabels: false }
const RW: BindAccess = { form: 'binds', readOnly: false, relabels: false }
const RULES: HostPathRules = {
  allowedBindPrefixes: ['/srv', '/srv/app:rw', '/data/share'],
  engineOwnedPaths: ['/srv/engine-root'],
  engineSockets: ['/srv/sockets/engine.sock'],
}
const refusal = (path: string, access = RO, rules = RULES) => hostPathRefusal(path, access, rules)

describe('which host paths an operator may bind', () => {
  it('lets a read-only entry be bound, and anything below it, read-only only', () => {
    expect(refusal('/data/share')).toBeUndefined()
    expect(refusal('/data/share/a/b')).toBeUndefined()
    expect(refusal('/data/share/a', RW)).toMatch(/\/data\/share is allowed read-only: add :ro/)
    expect(refusal('/data/share/a', { ...RW, form: 'mounts' })).toMatch(/set readOnly: true/)
    expect(refusal('/data/share/a', { ...RO, relabels: true })).toMatch(/relabel/)
    expect(refusal('/data/shared')).toMatch(/not under a path the admin allowed/)
    expect(refusal('/data')).toMatch(/not under a path the admin allowed/)
  })

  it('lets a writable entry be bound exactly, read-write or read-only, and nothing below it', () => {
    expect(refusal('/srv/app', RW)).toBeUndefined()
    expect(refusal('/srv/app', RO)).toBeUndefined()
    expect(refusal('/srv/app', { ...RW, relabels: true })).toBeUndefined()
    for (const below of ['/srv/app/root', '/srv/app/root/etc', '/srv/app/sock']) {
      // Also under the read-only entry /srv: the writable entry wins.
      expect(refusal(below, RO)).toMatch(/lies within \/srv\/app, which is writable/)
    }
  })

  it('reads every spelling of a path as the engine does: ., //, trailing slashes', () => {
    for (const spelling of [
      '/srv/./app/root',
      '/srv//app/root',
      '/srv/app/root/',
      '//srv/app/./root/.',
    ]) {
      expect(refusal(spelling)).toMatch(/lies within \/srv\/app/)
    }
    expect(refusal('/srv/app/', RW)).toBeUndefined()
    expect(refusal('/srv//app/.', RW)).toBeUndefined()
  })

  it('never allows .., a relative path, a backslash, the root, the engine’s places or sockets', () => {
    expect(refusal('/srv/app/root/..')).toMatch(/without "\.\."/)
    expect(refusal('/srv/../etc')).toMatch(/without "\.\."/)
    expect(refusal('srv/x')).toMatch(/absolute/)
    expect(refusal('/srv/a\\..\\..')).toMatch(/absolute/)
    expect(refusal('/', RO, { allowedBindPrefixes: ['/'] })).toMatch(/host root/)
    for (const place of [
      '/proc',
      '/sys/kernel',
      '/dev',
      '/run/x',
      '/var/run',
      '/var/lib/docker/volumes/v/_data',
      '/var/lib/containerd/x',
    ]) {
      expect(refusal(place, RO, { allowedBindPrefixes: ['/'] })).toMatch(/is the engine's/)
    }
    expect(refusal('/srv/engine-root/volumes')).toMatch(/\/srv\/engine-root is the engine's/)
    expect(refusal('/srv/sockets')).toMatch(/socket \/srv\/sockets\/engine.sock/)
    expect(refusal('/srv/sockets/engine.sock')).toMatch(/socket/)
    expect(refusal('/srv/sockets/other')).toBeUndefined()
  })

  it('ignores stored entries that are not valid (absolute, without ..)', () => {
    const rules = { allowedBindPrefixes: ['srv', '/srv/../etc', '/x:y'] }
    expect(refusal('/etc', RO, rules)).toMatch(/not under/)
    expect(refusal('/srv', RO, rules)).toMatch(/not under/)
  })
})

describe('host path rules as properties', () => {
  const segment = fc.oneof(
    fc.constantFrom('srv', 'app', 'root', 'sock', 'etc', 'data', 'share', '.', '..', ''),
    fc.stringMatching(/^[a-z.\\]{1,4}$/),
  )
  const path = fc.array(segment, { maxLength: 6 }).map((parts) => `/${parts.join('/')}`)
  const entry = fc.tuple(path, fc.boolean()).map(([p, rw]) => (rw ? `${p}:rw` : p))
  const rules = fc
    .array(entry, { maxLength: 4 })
    .map((allowedBindPrefixes) => ({ allowedBindPrefixes }))
  const access = fc.record({
    form: fc.constantFrom('binds' as const, 'mounts' as const),
    readOnly: fc.boolean(),
    relabels: fc.boolean(),
  })
  const canonical = (p: string) =>
    `/${p
      .split('/')
      .filter((s) => s !== '' && s !== '.')
      .join('/')}`

  it('refuses every path with a .. component', () => {
    fc.assert(
      fc.property(path, rules, access, (p, r, a) => {
        if (!p.split('/').includes('..')) return
        expect(hostPathRefusal(p, a, r)).toBeDefined()
      }),
    )
  })

  it('allows a writable bind only at exactly a writable entry', () => {
    fc.assert(
      fc.property(path, rules, access, (p, r, a) => {
        if (a.readOnly || hostPathRefusal(p, a, r) !== undefined) return
        const writable = r.allowedBindPrefixes
          .filter((e) => e.endsWith(':rw'))
          .map((e) => canonical(e.slice(0, -3)))
        expect(writable).toContain(canonical(p))
      }),
    )
  })

  it('never allows a path strictly below a writable entry', () => {
    fc.assert(
      fc.property(path, path, rules, access, (top, rest, r, a) => {
        const base = canonical(top)
        const below = `${base === '/' ? '' : base}/x${rest}`
        const withEntry = { allowedBindPrefixes: [...r.allowedBindPrefixes, `${top}:rw`] }
        if (top.split('/').includes('..')) return
        expect(hostPathRefusal(below, a, withEntry)).toBeDefined()
      }),
    )
  })

  it('gives every spelling of a path the verdict of its canonical form', () => {
    fc.assert(
      fc.property(path, rules, access, (p, r, a) => {
        if (p.includes('\\')) return
        const verdict = hostPathRefusal(canonical(p), a, r) === undefined
        expect(hostPathRefusal(`${p.replace(/\//g, '//')}/./`, a, r) === undefined).toBe(
          p.split('/').includes('..') ? false : verdict,
        )
      }),
    )
  })
})
